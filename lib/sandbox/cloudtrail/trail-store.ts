import { EventList, type StoredEvent } from "./event-list";

export type LookupAttributeKey =
  | "EventId"
  | "EventName"
  | "ReadOnly"
  | "Username"
  | "ResourceType"
  | "ResourceName"
  | "EventSource"
  | "AccessKeyId";

type IndexedKey = Exclude<LookupAttributeKey, "EventId">;

/** Events of one account and Region, indexed by every lookup attribute so a lookup costs O(matches). */
export interface TrailPartition {
  all: EventList;
  /** attribute key ⇒ attribute value ⇒ events (nested maps: no per-event key strings to build and hash). */
  byAttribute: Map<IndexedKey, Map<string, EventList>>;
  /** Event ids are unique: a plain map, not a list per id. */
  byEventId: Map<string, StoredEvent>;
}

export interface TrailStore {
  add(account: string, region: string, event: StoredEvent): void;
  partition(account: string, region: string): TrailPartition | undefined;
  /** How many events were recorded (all partitions). */
  count(): number;
}

export function findIndexed(
  partition: TrailPartition,
  key: LookupAttributeKey,
  value: string,
): readonly StoredEvent[] {
  if (key === "EventId") {
    const event = partition.byEventId.get(value);
    return event ? [event] : [];
  }
  return partition.byAttribute.get(key)?.get(value)?.view() ?? [];
}

function index(
  partition: TrailPartition,
  key: IndexedKey,
  value: string,
  event: StoredEvent,
): void {
  let values = partition.byAttribute.get(key);
  if (!values) {
    values = new Map();
    partition.byAttribute.set(key, values);
  }
  let list = values.get(value);
  if (!list) {
    list = new EventList();
    values.set(value, list);
  }
  list.push(event);
}

function indexEvent(partition: TrailPartition, event: StoredEvent): void {
  index(partition, "EventName", event.eventName, event);
  index(partition, "ReadOnly", event.readOnly ? "true" : "false", event);
  index(partition, "EventSource", event.eventSource, event);
  if (event.username !== undefined) index(partition, "Username", event.username, event);
  if (event.accessKeyId !== undefined) index(partition, "AccessKeyId", event.accessKeyId, event);
  const resources = event.resources;
  if (resources.length === 0) return;
  index(partition, "ResourceType", "AWS::KMS::Key", event);
  const names = new Set<string>();
  for (const resource of resources) {
    names.add(resource.ResourceName);
    // A key ARN also matches by its bare key id (the sandbox answers both; real matching is unverified).
    const at = resource.ResourceName.lastIndexOf(":key/");
    if (at >= 0) names.add(resource.ResourceName.slice(at + 5));
  }
  for (const name of names) index(partition, "ResourceName", name, event);
}

export function createTrailStore(): TrailStore {
  const partitions = new Map<string, Map<string, TrailPartition>>();
  let total = 0;
  return {
    add(account, region, event) {
      let regions = partitions.get(account);
      if (!regions) {
        regions = new Map();
        partitions.set(account, regions);
      }
      let partition = regions.get(region);
      if (!partition) {
        partition = { all: new EventList(), byAttribute: new Map(), byEventId: new Map() };
        regions.set(region, partition);
      }
      partition.all.push(event);
      partition.byEventId.set(event.eventId, event);
      indexEvent(partition, event);
      total++;
    },
    partition: (account, region) => partitions.get(account)?.get(region),
    count: () => total,
  };
}
