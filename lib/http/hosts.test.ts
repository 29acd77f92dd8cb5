import { describe, expect, it } from "vitest";
import { allowedHostsField } from "../env/fields";
import { isAllowedHost, isSameAllowedOrigin, parseHostEntry } from "./hosts";

describe("parseHostEntry", () => {
  it("reads names, IPv4 and bracketed IPv6, with an optional port, lower-cased", () => {
    expect(parseHostEntry("Dash.Example.COM")).toEqual({ name: "dash.example.com", port: null });
    expect(parseHostEntry(" 10.0.0.5:3000 ")).toEqual({ name: "10.0.0.5", port: 3000 });
    expect(parseHostEntry("[FD00::5]:443")).toEqual({ name: "[fd00::5]", port: 443 });
    expect(parseHostEntry("[::1]")).toEqual({ name: "[::1]", port: null });
  });

  it("refuses anything else", () => {
    for (const bad of [
      "",
      "::1",
      "a b",
      "host:",
      "host:0",
      "host:65536",
      "host:x",
      "-a.com",
      "a_b.com",
      "user@host",
      "host/path",
      "[::1",
    ])
      expect(parseHostEntry(bad), bad).toBeNull();
  });
});

describe("allowedHostsField", () => {
  it("splits on commas and skips blanks", () => {
    expect(allowedHostsField.parse("a.example, 10.0.0.5:3000,,")).toEqual([
      { name: "a.example", port: null },
      { name: "10.0.0.5", port: 3000 },
    ]);
    expect(allowedHostsField.parse(undefined)).toEqual([]);
  });

  it("names the entry it cannot read", () => {
    const result = allowedHostsField.safeParse("ok.example,http://bad.example");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      '"http://bad.example" is not a host name, an IP address or [IPv6], with an optional :port',
    );
  });
});

describe("isAllowedHost", () => {
  const allowed = allowedHostsField.parse("dash.example.com,10.0.0.5:3000");

  it("takes loopback names on any port and the allow-list's entries", () => {
    expect(isAllowedHost("127.0.0.1:3300", [])).toBe(true);
    expect(isAllowedHost("LOCALHOST:1", [])).toBe(true);
    expect(isAllowedHost("[::1]:3300", [])).toBe(true);
    expect(isAllowedHost("dash.example.com:443", allowed)).toBe(true);
    expect(isAllowedHost("10.0.0.5:3000", allowed)).toBe(true);
  });

  it("refuses a missing, malformed or foreign Host", () => {
    expect(isAllowedHost(null, allowed)).toBe(false);
    expect(isAllowedHost("evil.example:3300", allowed)).toBe(false);
    expect(isAllowedHost("dash.example.com.evil.example", allowed)).toBe(false);
    expect(isAllowedHost("10.0.0.5", allowed)).toBe(false);
    expect(isAllowedHost("127.0.0.1:3300, evil.example", allowed)).toBe(false);
  });
});

describe("isSameAllowedOrigin", () => {
  it("needs the Origin's host to equal the allowed Host", () => {
    expect(isSameAllowedOrigin("http://127.0.0.1:3300", "127.0.0.1:3300", [])).toBe(true);
    expect(isSameAllowedOrigin("http://evil.example:3300", "evil.example:3300", [])).toBe(false);
    expect(isSameAllowedOrigin("http://127.0.0.1:3301", "127.0.0.1:3300", [])).toBe(false);
    expect(isSameAllowedOrigin("null", "127.0.0.1:3300", [])).toBe(false);
    expect(isSameAllowedOrigin("file:///x", "127.0.0.1:3300", [])).toBe(false);
  });
});
