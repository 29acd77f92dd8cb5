import { replaceRegion } from "../domain/region-text";

/**
 * Stands for "the key's own region" inside the comparison. One private-use character, so that a
 * wildcard `*` can cover it and a `?` (one character of a real region name) cannot.
 */
export const OWN_REGION = "\uE000";

/** Rewrite `region` to OWN_REGION wherever it stands as a region (ARN field, regional host, whole value). */
export function symbolize(value: string, region: string): string {
  return replaceRegion(value, region, OWN_REGION);
}

/**
 * A region no policy names: in the symbolic space a literal region equal to this key's own region
 * is a foreign region (the other key's own region read from here), so it needs another name here.
 */
const FOREIGN_REGION = "xx-foreign-1";

/** A symbolic value as a request to the key in `region` carries it. */
export function concretize(value: string, region: string): string {
  return replaceRegion(value, region, FOREIGN_REGION).split(OWN_REGION).join(region);
}

/** A symbolic value for people: the own region written `${region}`. */
export function displaySymbolic(value: string): string {
  return value.split(OWN_REGION).join("${region}");
}
