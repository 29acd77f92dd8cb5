import { describe, expect, it } from "vitest";
import {
  DEFAULT_FILTERS,
  filtersToQuery,
  parseFamilyFilters,
  safeParseFamilyFilters,
} from "./family-filters";
import { filterFamilies } from "./filter-families";
import type { FamilyRow } from "./family-matrix-types";

const REGIONS = ["eu-west-1", "us-east-1"];

function row(spec: Partial<FamilyRow> & { id: string }): FamilyRow {
  return {
    kind: "multi-region",
    account: "111122223333",
    name: spec.id,
    referenceRegion: "us-east-1",
    cells: ["in-sync", "in-sync"],
    worst: null,
    severities: [],
    properties: [],
    findings: 0,
    waived: 0,
    tags: [],
    search: spec.id.toLowerCase(),
    ...spec,
  };
}

const ROWS: FamilyRow[] = [
  row({ id: "a-clean" }),
  row({
    id: "b-high",
    cells: ["high", "in-sync"],
    worst: "high",
    severities: ["high", "low"],
    properties: ["policy", "tags"],
    findings: 2,
  }),
  row({
    id: "c-waived",
    kind: "alias",
    cells: ["waived", "absent"],
    waived: 1,
    findings: 1,
    properties: ["tags"],
    tags: ["env=prod"],
  }),
  row({
    id: "d-other-account",
    account: "444455556666",
    cells: ["absent", "critical"],
    worst: "critical",
    severities: ["critical"],
    properties: ["state"],
    findings: 1,
  }),
];

const ids = (rows: FamilyRow[]) => rows.map((r) => r.id);

describe("filterFamilies", () => {
  it("sorts by worst severity by default, clean families last", () => {
    expect(ids(filterFamilies(ROWS, REGIONS, DEFAULT_FILTERS))).toEqual([
      "d-other-account",
      "b-high",
      "c-waived",
      "a-clean",
    ]);
  });

  it("matches any severity of a family, not only its worst", () => {
    expect(ids(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, severity: ["low"] }))).toEqual([
      "b-high",
    ]);
  });

  it("combines property, kind, account, tag and waived filters", () => {
    expect(ids(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, property: ["tags"] }))).toEqual([
      "b-high",
      "c-waived",
    ]);
    expect(
      ids(
        filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, property: ["tags"], kind: ["alias"] }),
      ),
    ).toEqual(["c-waived"]);
    expect(
      ids(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, account: ["444455556666"] })),
    ).toEqual(["d-other-account"]);
    expect(ids(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, tag: ["env=prod"] }))).toEqual([
      "c-waived",
    ]);
    expect(ids(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, waived: "yes" }))).toEqual([
      "c-waived",
    ]);
    expect(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, waived: "no" })).toHaveLength(3);
  });

  it("keeps families present in a filtered region and none for an unknown region", () => {
    expect(
      ids(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, region: ["us-east-1"] })),
    ).toEqual(["d-other-account", "b-high", "a-clean"]);
    expect(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, region: ["ap-east-1"] })).toEqual(
      [],
    );
  });

  it("searches text case-insensitively and sorts by name descending", () => {
    expect(ids(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, q: "  B-HIGH " }))).toEqual([
      "b-high",
    ]);
    expect(
      ids(filterFamilies(ROWS, REGIONS, { ...DEFAULT_FILTERS, sort: "name", dir: "desc" })),
    ).toEqual(["d-other-account", "c-waived", "b-high", "a-clean"]);
  });
});

describe("family filters in the URL", () => {
  it("round-trips through the query string, leaving defaults out", () => {
    const filters = parseFamilyFilters(
      new URLSearchParams("severity=high,critical&kind=alias&q=pay&sort=name"),
    );
    expect(filters).toMatchObject({
      severity: ["high", "critical"],
      kind: ["alias"],
      q: "pay",
      sort: "name",
      waived: "any",
    });
    expect(filtersToQuery(filters)).toBe("severity=high%2Ccritical&kind=alias&q=pay&sort=name");
    expect(filtersToQuery(DEFAULT_FILTERS)).toBe("");
  });

  it("accepts repeated keys as a list", () => {
    expect(parseFamilyFilters({ region: ["eu-west-1", "us-east-1"] }).region).toEqual([
      "eu-west-1",
      "us-east-1",
    ]);
  });

  it("throws on a bad value strictly and falls back leniently, naming the parameter", () => {
    expect(() => parseFamilyFilters({ severity: "urgent" })).toThrow();
    const { filters, problem } = safeParseFamilyFilters({ account: "12" });
    expect(filters).toEqual(DEFAULT_FILTERS);
    expect(problem).toContain('"account"');
  });
});
