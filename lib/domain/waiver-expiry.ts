/**
 * The one waiver-expiry rule, for the drift stage (is a finding waived?) and the exports (which
 * waivers were in force?): a date-only expiry (`2027-01-31`) lasts through the end of that day,
 * UTC; a date-time expiry ends at that instant. An expiry that cannot be read has ended (config
 * validation refuses one, so only a foreign document can hold it).
 */
export function waiverExpiresAt(expires: string): number {
  const t = Date.parse(expires);
  return /^\d{4}-\d{2}-\d{2}$/.test(expires) ? t + 24 * 3600 * 1000 - 1 : t;
}

/** Whether a waiver expiring at `expires` still applies at `at`. */
export function waiverInForce(expires: string, at: Date): boolean {
  return waiverExpiresAt(expires) >= at.getTime();
}
