import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tagResourceCommand } from "./remediation";
import { joinCommand, quoteShell } from "./shell-quote";

/** What a POSIX shell makes of a command line: its words, one per line (NUL-separated). */
function shellWords(line: string): string[] {
  const out = execFileSync("sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("quoteShell", () => {
  it.each(["plain", "it's", "$HOME", "a b", "`id`", '"q"', "", "x\\y", "tab\there", '{"a":[1]}'])(
    "%j survives a shell",
    (word) => {
      expect(shellWords(quoteShell(word))).toEqual([word]);
    },
  );

  it("any words survive a shell unchanged (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({
            unit: fc.constantFrom(
              "a",
              "'",
              '"',
              "$",
              " ",
              "\\",
              "`",
              "!",
              "*",
              ";",
              "&",
              "|",
              "(",
              "\n",
            ),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (words) => {
          expect(shellWords(joinCommand(words))).toEqual(words);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("tag values with quotes and $ reach the CLI intact", () => {
    const cmd = tagResourceCommand("eu-west-1", "k", { "o'brien": "$(rm -rf /)" });
    const words = shellWords(cmd.replace(/^aws /, ""));
    expect(words.at(-1)).toBe('[{"TagKey":"o\'brien","TagValue":"$(rm -rf /)"}]');
  });
});
