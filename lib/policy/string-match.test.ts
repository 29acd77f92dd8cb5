import { describe, expect, it } from "vitest";
import {
  ANY_STRING,
  digitsDomain,
  iamNameDomain,
  matchPattern,
  parseArnValue,
  parseValue,
  PolicyVariableError,
  SERVICE_DOMAIN,
  stringAtoms,
} from "./string-match";
import { OWN_REGION } from "./symbols";
import { parseIpRange } from "./values";

const like = (s: string) => parseValue(s, { wildcards: true, ci: false });
const exact = (s: string) => parseValue(s, { wildcards: false, ci: false });

describe("patterns", () => {
  it("reads IAM's escapes as literal characters and refuses policy variables", () => {
    expect(matchPattern(like("a${*}b"), "a*b")).toBe(true);
    expect(matchPattern(like("a${*}b"), "axb")).toBe(false);
    expect(() => like("${aws:username}")).toThrow(PolicyVariableError);
  });

  it("keeps ArnLike wildcards inside one component", () => {
    const p = parseArnValue("arn:aws:iam::*:role/app");
    expect(matchPattern(p, "arn:aws:iam::111122223333:role/app")).toBe(true);
    expect(matchPattern(p, "arn:aws:iam::1:2:role/app")).toBe(false);
    expect(matchPattern(like("arn:aws:iam::*:role/app"), "arn:aws:iam::1:2:role/app")).toBe(true);
  });

  it("lets * cover the own-region symbol and ? not", () => {
    expect(matchPattern(like("s3.*.amazonaws.com"), `s3.${OWN_REGION}.amazonaws.com`)).toBe(true);
    expect(matchPattern(like("s3.?.amazonaws.com"), `s3.${OWN_REGION}.amazonaws.com`)).toBe(false);
  });
});

describe("stringAtoms", () => {
  it("finds a witness for every combination the patterns can tell apart", () => {
    const patterns = [like("s3.*"), exact("s3.x"), like("*.x")];
    const atoms = stringAtoms(patterns, ANY_STRING);
    const vectors = new Set(
      atoms.map((w) => patterns.map((p) => (matchPattern(p, w) ? 1 : 0)).join("")),
    );
    // s3.x matches all three; s3.a.x the first and last; s3.y only the first; a.x only the last;
    // b none. Matching "s3.x" forces the other two, so no other combination exists.
    expect(vectors).toEqual(new Set(["111", "101", "100", "001", "000"]));
  });

  it("draws account ids from twelve digits", () => {
    const atoms = stringAtoms([exact("111122223333"), like("1111*")], digitsDomain(12));
    expect(atoms.every((a) => /^\d{12}$/.test(a))).toBe(true);
    expect(atoms).toHaveLength(3);
  });

  it("writes IAM names and service names a caller could have", () => {
    const roles = stringAtoms([exact("role/app")], iamNameDomain("role/", true));
    expect(roles).toContain("role/app");
    expect(roles.every((r) => /^role\/[\w+=,.@-]+(\/[\w+=,.@-]+)*$/.test(r))).toBe(true);
    const services = stringAtoms([exact("logs.amazonaws.com")], SERVICE_DOMAIN);
    expect(services.every((s) => /^[a-z0-9].*\.amazonaws\.com$/.test(s))).toBe(true);
    expect(services).toHaveLength(2);
  });
});

describe("IP ranges", () => {
  it("reads addresses and CIDR blocks of both families", () => {
    expect(parseIpRange("10.0.0.0/8")).toEqual({ v6: false, lo: 0x0a000000n, hi: 0x0affffffn });
    expect(parseIpRange("2001:db8::/32")?.lo).toBe(0x20010db8n << 96n);
    expect(parseIpRange("10.0.0.300")).toBeNull();
  });
});
