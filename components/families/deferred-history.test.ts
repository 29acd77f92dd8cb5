import { describe, expect, it } from "vitest";
import { DeferredHistory, type HistoryTarget } from "./deferred-history";

/** A history of entries and a cursor, as the browser keeps it for pushState / replaceState. */
function fakeHistory(start: string) {
  const entries = [start];
  let index = 0;
  const target: HistoryTarget = {
    pushState: (_data, _unused, url) => {
      entries.splice(index + 1, entries.length, String(url));
      index += 1;
    },
    replaceState: (_data, _unused, url) => {
      entries[index] = String(url);
    },
  };
  return { target, entries: () => [...entries], current: () => entries[index] };
}

describe("DeferredHistory", () => {
  it("writes nothing until flushed, then every queued push in order", () => {
    const history = fakeHistory("/families");
    const writes = new DeferredHistory(history.target);
    writes.add({ href: "/families?severity=high", mode: "push" });
    writes.add({ href: "/families?severity=high&property=tags", mode: "push" });
    expect(history.entries()).toEqual(["/families"]);
    expect(writes.pending).toHaveLength(2);
    writes.flush();
    expect(history.entries()).toEqual([
      "/families",
      "/families?severity=high",
      "/families?severity=high&property=tags",
    ]);
    expect(writes.pending).toHaveLength(0);
  });

  it("folds a replace into the queued write before it, keeping that write's push", () => {
    const history = fakeHistory("/families");
    const writes = new DeferredHistory(history.target);
    writes.add({ href: "/families?severity=high", mode: "push" });
    writes.add({ href: "/families?severity=high&q=a", mode: "replace" });
    writes.add({ href: "/families?severity=high&q=ab", mode: "replace" });
    expect(writes.pending).toEqual([{ href: "/families?severity=high&q=ab", mode: "push" }]);
    writes.flush();
    expect(history.entries()).toEqual(["/families", "/families?severity=high&q=ab"]);
  });

  it("makes a replace with nothing queued in place of the current entry", () => {
    const history = fakeHistory("/families?q=a");
    const writes = new DeferredHistory(history.target);
    writes.add({ href: "/families?q=ab", mode: "replace" });
    writes.flush();
    expect(history.entries()).toEqual(["/families?q=ab"]);
  });

  it("drops the queued writes, saying whether there were any, and a later flush writes nothing", () => {
    const history = fakeHistory("/families");
    const writes = new DeferredHistory(history.target);
    expect(writes.drop()).toBe(false);
    writes.add({ href: "/families?severity=low", mode: "push" });
    expect(writes.drop()).toBe(true);
    writes.flush();
    expect(history.entries()).toEqual(["/families"]);
  });
});
