import { z } from "zod";

/**
 * Config `lastUse`: whether the scan calls GetKeyLastUsage (5 requests/s per account and region,
 * the lowest KMS read quota) and after how many days without a recorded use a replica is dormant.
 */
export const lastUseConfigSchema = z
  .strictObject({
    read: z.boolean().default(true),
    dormantAfterDays: z.number().int().min(1).max(3650).default(90),
  })
  .prefault({});

export type LastUseConfig = z.infer<typeof lastUseConfigSchema>;

export const DEFAULT_LAST_USE: LastUseConfig = { read: true, dormantAfterDays: 90 };
