import { z } from "zod";
import { awsPattern } from "./validate";

/** Member shapes shared by several operations (docs/aws-facts.md#shapes). */
export const keyIdSchema = z.string().min(1).max(2048);
export const markerSchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(...awsPattern(/^[\u0020-\u00FF]*$/, "[\\u0020-\\u00FF]*"));
export const limitSchema = z.number().int().min(1).max(1000);
export const policySchema = z
  .string()
  .min(1)
  .max(131072)
  .regex(
    ...awsPattern(
      /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
      "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
    ),
  );
export const policyNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(...awsPattern(/^[\w]+$/, "[\\w]+"));
export const descriptionSchema = z.string().max(8192);
export const regionSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(...awsPattern(/^([a-z]+-){2,3}\d+$/, "^([a-z]+-){2,3}\\d+$"));
export const tagsSchema = z.array(
  z.object({ TagKey: z.string().min(1).max(128), TagValue: z.string().max(256) }),
);
export const grantTokensSchema = z.array(z.string().min(1).max(8192)).max(10);
export const encryptionContextSchema = z.record(z.string(), z.string());

export type TagInput = z.infer<typeof tagsSchema>;
