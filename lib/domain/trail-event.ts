/** One CloudTrail management event, parsed from a LookupEvents record. */
export interface TrailEvent {
  eventId: string;
  eventTime: string;
  eventName: string;
  region: string;
  account: string;
  /** The caller's ARN, or user name, or `AWS Internal` / service principal. */
  actor: string;
  sourceIp?: string;
  userAgent?: string;
  /** Key ids (bare ids, never ARNs or aliases) the event touched. */
  keyIds: string[];
  requestParameters: unknown;
  errorCode?: string;
}
