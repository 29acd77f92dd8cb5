import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { batchChunks, writeChunks } from "./write-chunks";

describe("writeChunks", () => {
  it("writes every piece in order, batched, and waits for a slow reader", async () => {
    const received: string[] = [];
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, callback) {
        setTimeout(() => {
          received.push(chunk.toString());
          callback();
        }, 1);
      },
    });
    // What the stream still held each time it was handed more: 0 when every write waited for drain.
    const heldBeforeWrite: number[] = [];
    const write = slow.write.bind(slow);
    slow.write = ((...args: Parameters<typeof write>) => {
      heldBeforeWrite.push(slow.writableLength);
      return write(...args);
    }) as typeof slow.write;
    const pieces = Array.from(
      { length: 300 },
      (_, i) => `${String(i).padStart(4, "0")}:${"x".repeat(500)};`,
    );
    await writeChunks(slow, pieces);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(received.join("")).toBe(pieces.join(""));
    expect(received.length).toBeLessThan(pieces.length);
    expect(heldBeforeWrite.length).toBeGreaterThan(1);
    expect(heldBeforeWrite.every((held) => held === 0)).toBe(true);
  });

  it("batches to about the size asked, never splitting a piece", () => {
    expect([...batchChunks(["ab", "cd", "ef", "g"], 4)]).toEqual(["abcd", "efg"]);
    expect([...batchChunks([], 4)]).toEqual([]);
  });
});
