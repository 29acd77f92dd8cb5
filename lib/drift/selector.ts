import type { FamilyView } from "./family-view";
import { matchGlob } from "../domain/glob";
import type { Selector } from "../domain/selector";

/** Whether a config selector picks this family: every field given must match. */
export function matchSelector(selector: Selector | undefined, view: FamilyView): boolean {
  if (!selector) return true;
  if (selector.family !== undefined && !matchGlob(selector.family, view.family.id)) return false;
  if (selector.keyId !== undefined) {
    const pattern = selector.keyId;
    const hit = view.members.some(
      (m) => matchGlob(pattern, m.member.keyId) || matchGlob(pattern, m.member.arn),
    );
    if (!hit) return false;
  }
  if (selector.aliasPrefix !== undefined) {
    const prefix = selector.aliasPrefix;
    if (!view.aliases.some((a) => a.startsWith(prefix))) return false;
  }
  if (selector.alias !== undefined) {
    const pattern = selector.alias;
    if (!view.aliases.some((a) => matchGlob(pattern, a))) return false;
  }
  if (selector.tag !== undefined) {
    for (const [k, v] of Object.entries(selector.tag)) {
      if (view.tags[k] === undefined || !matchGlob(v, view.tags[k])) return false;
    }
  }
  return true;
}
