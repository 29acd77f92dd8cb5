import { describe, expect, it } from "vitest";
import type { Family } from "../domain/family";
import type { TrailEvent } from "../domain/trail-event";
import { familyTimeline } from "./timeline";

const ACCOUNT = "111122223333";
function event(id: string, time: string, overrides: Partial<TrailEvent>): TrailEvent {
  return {
    eventId: id,
    eventTime: `2026-11-${time}:00.000Z`,
    eventName: "PutKeyPolicy",
    region: "us-east-1",
    account: ACCOUNT,
    actor: "a",
    keyIds: [],
    requestParameters: null,
    ...overrides,
  };
}

const family: Family = {
  id: `${ACCOUNT}:alias/app`,
  kind: "alias",
  account: ACCOUNT,
  name: "alias/app",
  referenceRegion: "eu-west-1",
  members: [
    { region: "eu-west-1", keyId: "k-eu", arn: "", role: "member" },
    { region: "us-east-1", keyId: "k-us", arn: "", role: "member" },
  ],
  flags: [],
};

describe("familyTimeline", () => {
  it("lists every member's write events across regions, oldest first, once each", () => {
    const events = [
      event("3", "20T10:00", { keyIds: ["k-eu"], region: "eu-west-1" }),
      event("1", "18T10:00", { keyIds: ["k-us"], eventName: "TagResource" }),
      event("2", "19T10:00", {
        eventName: "DeleteAlias",
        requestParameters: { aliasName: "alias/app" },
      }),
      event("3", "20T10:00", { keyIds: ["k-eu"], region: "eu-west-1" }),
      event("x-read", "21T10:00", { keyIds: ["k-eu"], eventName: "Decrypt" }),
      event("x-other-key", "21T10:00", { keyIds: ["k-other"] }),
      event("x-other-account", "21T10:00", { keyIds: ["k-eu"], account: "999999999999" }),
      event("x-other-alias", "21T10:00", {
        eventName: "CreateAlias",
        requestParameters: { aliasName: "alias/other" },
      }),
    ];
    expect(familyTimeline(family, events).map((e) => e.eventId)).toEqual(["1", "2", "3"]);
  });

  it("includes multi-region events that name the mrk id in regions without a member", () => {
    const mrk: Family = {
      ...family,
      id: `${ACCOUNT}:mrk-1`,
      kind: "multi-region",
      name: "mrk-1",
      members: [],
    };
    const events = [event("r", "10T00:00", { eventName: "ReplicateKey", keyIds: ["mrk-1"] })];
    expect(familyTimeline(mrk, events).map((e) => e.eventId)).toEqual(["r"]);
  });
});
