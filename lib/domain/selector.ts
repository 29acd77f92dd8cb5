import { z } from "zod";

/** Picks families (config rules, and the baseline a policy finding was compared with); every field given must match. */
export const selectorSchema = z.strictObject({
  tag: z.record(z.string(), z.string()).optional(),
  aliasPrefix: z.string().min(1).optional(),
  alias: z.string().min(1).optional(),
  keyId: z.string().min(1).optional(),
  family: z.string().min(1).optional(),
});
export type Selector = z.infer<typeof selectorSchema>;
