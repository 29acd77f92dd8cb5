/** What ListKeys + ListAliases said about one (account, region). */
export interface RegionListing {
  account: string;
  region: string;
  keys: { keyId: string; arn: string }[];
  aliases: { name: string; targetKeyId?: string }[];
  /** Set when ListAliases was refused: `aliases` is then empty, but what it would hold is unknown. */
  aliasesError?: { code: string; message: string };
}

/** One key found by the listing, before it is read. */
export interface KeyRef {
  account: string;
  region: string;
  keyId: string;
  arn: string;
}
