import { createRequire } from "node:module";
import type { ReactElement } from "react";
import { neutraliseControlChars } from "./control-chars";

type StaticRenderer = (element: ReactElement) => string;

let renderer: StaticRenderer | undefined;

/*
 * Required, not imported: Next.js refuses a static import of react-dom/server anywhere in the
 * server-component graph, and the dashboard's export route and the notifier (which attaches the
 * report to e-mails) sit in it. These documents are downloads, not Server Components; its own
 * bundled react-dom/server renders them. Loaded on first use so a scan never pays for it.
 */
function loadRenderer(): StaticRenderer {
  renderer ??= (
    createRequire(import.meta.url)("react-dom/server") as typeof import("react-dom/server")
  ).renderToStaticMarkup;
  return renderer;
}

/**
 * A whole HTML document from React elements. React escapes every text and attribute value; the
 * control and bidi characters it leaves alone become visible escapes (`\u202E`) here, on the whole
 * markup, so no value can miss it: these documents are read in terminals and mail readers too, and
 * a reviewer should see a hidden reordering, not be fooled by it. The markup itself holds none but
 * tabs and newlines.
 */
export function renderStaticDocument(element: ReactElement): string {
  return `<!doctype html>${renderStaticFragment(element)}`;
}

/** A piece of such a document: its markup, control characters made visible the same way. */
export function renderStaticFragment(element: ReactElement): string {
  return neutraliseControlChars(loadRenderer()(element), { keep: "\t\n" });
}
