import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS } from "@/lib/views/family-filters";
import { FilterBar, type FilterOptions } from "./filter-bar";

const BASE_OPTIONS: FilterOptions = {
  regions: ["eu-west-1"],
  accounts: ["111122223333"],
  tags: [],
  ous: [],
  accountTags: [],
};

const render = (options: FilterOptions, filters = DEFAULT_FILTERS) =>
  renderToStaticMarkup(<FilterBar filters={filters} options={options} onApply={() => undefined} />);

describe("the families filter bar's Organization filters", () => {
  it("offers OU and account tag, each a labelled group of checkboxes, when the snapshot has them", () => {
    const html = render({
      ...BASE_OPTIONS,
      ous: ["Root/Workloads/Prod"],
      accountTags: ["team=payments"],
    });
    expect(html).toContain('<summary class="cursor-pointer px-2 py-1 text-sm">OU</summary>');
    expect(html).toContain('<legend class="sr-only">OU</legend>');
    expect(html).toContain(
      '<summary class="cursor-pointer px-2 py-1 text-sm">Account tag</summary>',
    );
    expect(html).toMatch(/<input type="checkbox"\/>Root\/Workloads\/Prod<\/label>/);
    expect(html).toMatch(/<input type="checkbox"\/>team=payments<\/label>/);
  });

  it("leaves them out for a snapshot without OUs or account tags, unless the URL sets one", () => {
    const html = render(BASE_OPTIONS);
    expect(html).not.toContain(">OU<");
    expect(html).not.toContain(">Account tag<");
    expect(html).toContain(">Account<");
    const kept = render(BASE_OPTIONS, { ...DEFAULT_FILTERS, ou: ["Root/Sandbox"] });
    expect(kept).toContain(">OU (1)<");
  });
});
