import { z } from "zod";

/**
 * One CloudTrail management event, parsed from a LookupEvents record. `actor`: the caller's ARN,
 * or user name, or `AWS Internal` / service principal. `keyIds`: key ids (bare ids, never ARNs or
 * aliases) the event touched. `requestParameters` is the record's, as CloudTrail wrote it.
 */
export const trailEventSchema = z.strictObject({
  eventId: z.string(),
  eventTime: z.string(),
  eventName: z.string(),
  region: z.string(),
  account: z.string(),
  actor: z.string(),
  sourceIp: z.string().optional(),
  userAgent: z.string().optional(),
  keyIds: z.array(z.string()),
  requestParameters: z.unknown(),
  errorCode: z.string().optional(),
});
export type TrailEvent = z.infer<typeof trailEventSchema>;
