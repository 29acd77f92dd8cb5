import { describe, expect, it } from "vitest";
import { replaceRegion } from "./region-text";

describe("replaceRegion", () => {
  it.each<[string, string]>([
    ["eu-west-1", "R"],
    ["arn:aws:logs:eu-west-1:111122223333:log-group:*", "arn:aws:logs:R:111122223333:log-group:*"],
    ["arn:aws-us-gov:kms:eu-west-1:1:key/x", "arn:aws-us-gov:kms:R:1:key/x"],
    ["logs.eu-west-1.amazonaws.com", "logs.R.amazonaws.com"],
    ["s3.eu-west-1.amazonaws.com.cn", "s3.R.amazonaws.com.cn"],
    ["arn:aws:iam::1:role/eu-west-1-admin", "arn:aws:iam::1:role/eu-west-1-admin"],
    ["eu-west-12", "eu-west-12"],
    ["logs.eu-west-1.amazonaws.community", "logs.eu-west-1.amazonaws.community"],
  ])("%s", (input, output) => {
    expect(replaceRegion(input, "eu-west-1", "R")).toBe(output);
  });
});
