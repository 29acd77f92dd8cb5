import { describe, expect, it } from "vitest";
import { makeFinding, makeSnapshot } from "../store/test-fixtures";
import { toAsffFindings } from "./asff";
import { validateAsffFinding } from "./asff-validate";

describe("ASFF export", () => {
  it("produces findings that pass the required-field validator", () => {
    const snapshot = makeSnapshot({ id: "asff-1" });
    const findings = toAsffFindings(snapshot);
    expect(findings).toHaveLength(snapshot.findings.length);
    for (const f of findings) expect(validateAsffFinding(f)).toEqual([]);
    const first = findings[0];
    expect(first).toMatchObject({
      SchemaVersion: "2018-10-08",
      ProductArn: "arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default",
      AwsAccountId: "111122223333",
      Severity: { Label: "HIGH" },
      Resources: [
        {
          Type: "AwsKmsKey",
          Id: "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd",
          Region: "eu-west-1",
          Partition: "aws",
        },
      ],
    });
    expect(findings.find((f) => f.Workflow.Status === "SUPPRESSED")).toBeDefined();
  });

  it("clips long titles and descriptions to the ASFF limits", () => {
    const long = makeFinding({ title: "x".repeat(400), actual: "y".repeat(3000), what: "long" });
    const [asff] = toAsffFindings(makeSnapshot({ findings: [long] }));
    expect(asff?.Title.length).toBe(256);
    expect(asff?.Description.length).toBe(1024);
    expect(validateAsffFinding(asff)).toEqual([]);
  });

  it("names what is missing or out of bounds", () => {
    const [asff] = toAsffFindings(makeSnapshot());
    const broken = {
      ...asff,
      Title: "t".repeat(257),
      AwsAccountId: "12",
      Resources: [],
      Types: ["Made Up/Thing"],
    };
    const { SchemaVersion: _omit, ...withoutVersion } = broken;
    const problems = validateAsffFinding(withoutVersion);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SchemaVersion:/),
        expect.stringMatching(/^Title:/),
        expect.stringMatching(/^AwsAccountId:/),
        expect.stringMatching(/^Resources:/),
        expect.stringMatching(/^Types\.0:/),
      ]),
    );
  });
});
