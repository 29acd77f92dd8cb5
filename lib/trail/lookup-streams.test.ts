import { describe, expect, it } from "vitest";
import {
  advanceStream,
  coveredFromMs,
  createStreams,
  pickStream,
  type LookupStream,
} from "./lookup-streams";

const FROM = 0;
const TO = 10_000;

function stream(eventName: string, state: Partial<LookupStream>): LookupStream {
  return { eventName, started: true, done: false, ...state };
}

describe("pickStream", () => {
  const cases: [string, LookupStream[], string | undefined][] = [
    [
      "first pages first, in order",
      [
        stream("A", { oldestMs: 5 }),
        stream("B", { started: false }),
        stream("C", { started: false }),
      ],
      "B",
    ],
    [
      "then the unfinished stream whose frontier is newest",
      [
        stream("A", { oldestMs: 3000 }),
        stream("B", { oldestMs: 7000 }),
        stream("C", { oldestMs: 9000, done: true }),
      ],
      "B",
    ],
    [
      "an empty page with a token counts as reaching nowhere yet",
      [stream("A", { oldestMs: 7000 }), stream("B", {})],
      "B",
    ],
    [
      "nothing when every stream is done",
      [stream("A", { done: true }), stream("B", { done: true })],
      undefined,
    ],
  ];
  it.each(cases)("%s", (_label, streams, expected) => {
    expect(pickStream(streams, TO)?.eventName).toBe(expected);
  });
});

describe("coveredFromMs", () => {
  const cases: [string, LookupStream[], number][] = [
    [
      "all done: the whole window",
      [stream("A", { done: true, oldestMs: 4000 }), stream("B", { done: true })],
      FROM,
    ],
    [
      "the newest frontier of the unfinished streams",
      [
        stream("A", { oldestMs: 3000 }),
        stream("B", { oldestMs: 6000 }),
        stream("C", { done: true }),
      ],
      6000,
    ],
    [
      "an unstarted stream covers nothing",
      [stream("A", { done: true }), stream("B", { started: false })],
      TO,
    ],
  ];
  it.each(cases)("%s", (_label, streams, expected) => {
    expect(coveredFromMs(streams, FROM, TO)).toBe(expected);
  });
});

describe("advanceStream", () => {
  it("tracks the oldest event seen and finishes without a NextToken", () => {
    const [s] = createStreams(["PutKeyPolicy"]);
    if (!s) throw new Error("no stream");
    advanceStream(s, { eventTimesMs: [9000, 8000, Number.NaN], nextToken: "t1" });
    expect(s).toMatchObject({ started: true, done: false, oldestMs: 8000, nextToken: "t1" });
    advanceStream(s, { eventTimesMs: [7000] });
    expect(s).toMatchObject({ done: true, oldestMs: 7000 });
  });

  it("ends a stream whose token repeats instead of looping forever", () => {
    const s = stream("A", { nextToken: "same" });
    advanceStream(s, { eventTimesMs: [], nextToken: "same" });
    expect(s.done).toBe(true);
  });
});
