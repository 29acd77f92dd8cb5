import { describe, expect, it } from "vitest";
import { makeFinding, makeSnapshot } from "../store/test-fixtures";
import { toOcsfFindings } from "./ocsf";
import { createOcsfValidator, ocsfSchema as schema } from "./ocsf/testing-validator";

const problems = createOcsfValidator();

describe("OCSF export", () => {
  it("validates every finding against the OCSF 1.3.0 Compliance Finding schema", () => {
    const snapshot = makeSnapshot({ id: "ocsf-1" });
    const findings = toOcsfFindings(snapshot);
    expect(findings).toHaveLength(snapshot.findings.length);
    for (const f of findings) expect(problems(f)).toEqual([]);
  });

  it("maps severity, waivers, the key, the account and the CloudTrail events", () => {
    const snapshot = makeSnapshot({ id: "ocsf-2" });
    const findings = toOcsfFindings(snapshot);
    const critical = findings.find((f) => f.finding_info.types[0] === "kms-drift/state");
    expect(critical).toMatchObject({
      class_uid: 2003,
      type_uid: 200301,
      severity_id: 5,
      severity: "Critical",
      status_id: 1,
      cloud: { provider: "AWS", region: "ap-southeast-2", account: { uid: "111122223333" } },
      resources: [
        {
          uid: "arn:aws:kms:ap-southeast-2:111122223333:key/mrk-1234abcd",
          type: "AWS::KMS::Key",
          group: { uid: "111122223333:mrk-1234abcd" },
        },
      ],
      compliance: { status_id: 3, status: "Fail", control: "kms-drift/state" },
      metadata: { version: "1.3.0", uid: `ocsf-2/${snapshot.findings[1]?.id ?? ""}` },
    });
    expect(critical?.finding_info.related_events).toEqual([
      { uid: "evt-disabled", product_uid: "cloudtrail" },
    ]);
    expect(critical?.time).toBe(Date.parse(snapshot.finishedAt));
    const waived = findings.find((f) => f.status_id === 3);
    expect(waived).toMatchObject({
      status: "Suppressed",
      finding_info: { types: ["kms-drift/residency"] },
    });
    expect(waived?.status_detail).toMatch(/^waived until 2099-01-01 by team-sec/);
  });

  it("fills every recommended attribute that applies to a drift finding", () => {
    const [finding] = toOcsfFindings(makeSnapshot({ id: "ocsf-3" }));
    // Not applicable: no host (device), no observables, no deprecated single `resource`, no
    // confidence score for a deterministic comparison, no vendor status code.
    const notApplicable = new Set([
      "device",
      "observables",
      "resource",
      "confidence_id",
      "status_code",
    ]);
    const recommended = schema["x-ocsf-recommended"].filter((name) => !notApplicable.has(name));
    expect(recommended.filter((name) => !(finding && name in finding))).toEqual([]);
  });

  it("refuses what the schema forbids: a missing required attribute, a wrong class, a caption that contradicts its id, an unknown attribute", () => {
    const [good] = toOcsfFindings(makeSnapshot({ findings: [makeFinding({ what: "x" })] }));
    const broken: unknown[] = [
      { ...good, finding_info: { ...good?.finding_info, uid: undefined } },
      { ...good, class_uid: 2004 },
      { ...good, severity: "Low" },
      { ...good, compliance: { ...good?.compliance, standards: undefined } },
      { ...good, colour: "red" },
      { ...good, cloud: { region: "eu-west-1" } },
    ];
    const found = broken.map((b) => problems(JSON.parse(JSON.stringify(b))).join("; "));
    expect(found[0]).toContain("/finding_info must have required property 'uid'");
    expect(found[1]).toContain("/class_uid must be equal to constant");
    expect(found[2]).toContain("must match exactly one schema in oneOf");
    expect(found[3]).toContain("/compliance must have required property 'standards'");
    expect(found[4]).toContain("must NOT have additional properties");
    expect(found[5]).toContain("/cloud must have required property 'provider'");
  });
});
