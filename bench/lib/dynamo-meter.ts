/**
 * Counts the DynamoDB writes an ingest makes, as AWS would bill them: a middleware on the client sees
 * every marshalled PutItem / BatchWriteItem / UpdateItem / DeleteItem.
 *
 * Table writes: puts are sized exactly; an update is sized by the item it leaves behind (read back
 * once at the end: our updates only grow items, and a write is billed on the larger of before and
 * after); a delete costs one unit (our deleted items are under 1 KB).
 * Index writes, per GSI of the table definition: an item written with the index's key costs one
 * write of its projection (keys, plus the INCLUDE attributes, or everything for ALL). An update
 * costs nothing in an index unless it sets an attribute that index holds; when it changes the
 * index key, two (the old entry deleted, the new one put). Whether a key changed is decided from a
 * shadow of the key values this meter has seen written to each item; an item it has not seen
 * written counts as changed. A delete costs one write in each index the item was seen in.
 */
import { GetItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient, type GlobalSecondaryIndex } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../shared/adapters/dynamodb/table';
import { itemSize, STORAGE_OVERHEAD_BYTES, writeUnits } from './item-size';

type Item = Record<string, AttributeValue>;

interface IndexShape {
  name: string;
  keys: string[];
  /** Non-key attributes copied into the index; `all` for ALL. */
  projected: 'all' | Set<string>;
}

const TABLE_KEYS = ['pk', 'sk'];

export function indexShapes(indexes: GlobalSecondaryIndex[] = tableDefinition('x').GlobalSecondaryIndexes ?? []): IndexShape[] {
  return indexes.map((g) => ({
    name: g.IndexName!,
    keys: (g.KeySchema ?? []).map((k) => k.AttributeName!),
    projected: g.Projection?.ProjectionType === 'ALL' ? 'all' : new Set(g.Projection?.NonKeyAttributes ?? []),
  }));
}

/** The part of an item an index stores (an item without the index's keys is not in it). */
export function projection(item: Item, index: IndexShape): Item | undefined {
  if (!index.keys.every((k) => item[k] !== undefined)) return undefined;
  if (index.projected === 'all') return item;
  const projected = index.projected;
  return Object.fromEntries(Object.entries(item).filter(([name]) => TABLE_KEYS.includes(name) || index.keys.includes(name) || projected.has(name)));
}

export interface WriteTally {
  requests: number;
  itemsPut: number;
  itemsUpdated: number;
  itemsDeleted: number;
  writeUnits: number;
  /** Of `writeUnits`, those written to indexes, by index name. */
  indexUnits: Record<string, number>;
}

interface PendingUpdate {
  key: Item;
  /** Per index: 0 (not touched), 1 (projected attributes changed), 2 (key changed: delete + put). */
  indexWrites: number[];
}

export class DynamoWriteMeter {
  private baseUnits = 0;
  private readonly indexUnits: number[];
  private puts = 0;
  private deletes = 0;
  private requests = 0;
  private readonly updates: PendingUpdate[] = [];
  /** Last known key values, per index, of every item this meter has seen written. */
  private readonly shadow = new Map<string, Array<string | undefined>>();

  constructor(private readonly indexes: IndexShape[] = indexShapes()) {
    this.indexUnits = indexes.map(() => 0);
  }

  /** Installs the counting middleware on a client (the document client shares its stack). */
  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        this.record(context.commandName ?? '', (args as unknown as { input: Record<string, unknown> }).input);
        return next(args);
      },
      { step: 'build', name: 'gcmBenchWriteMeter' },
    );
  }

  record(command: string, input: Record<string, unknown>): void {
    if (command === 'PutItemCommand') {
      this.requests++;
      this.put(input.Item as Item);
    } else if (command === 'BatchWriteItemCommand') {
      this.requests++;
      for (const list of Object.values(input.RequestItems as Record<string, Array<{ PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }>>)) {
        for (const r of list) {
          if (r.PutRequest) this.put(r.PutRequest.Item);
          else if (r.DeleteRequest) this.delete(r.DeleteRequest.Key);
        }
      }
    } else if (command === 'UpdateItemCommand') {
      this.requests++;
      this.update(input);
    } else if (command === 'DeleteItemCommand') {
      this.requests++;
      this.delete(input.Key as Item);
    }
  }

  private put(item: Item): void {
    this.puts++;
    this.baseUnits += writeUnits(itemSize(item));
    const before = this.shadow.get(keyOf(item));
    this.indexes.forEach((index, i) => {
      const p = projection(item, index);
      const had = before ? before[i] !== undefined : false;
      if (p) this.indexUnits[i] += writeUnits(itemSize(p)) * (had && before![i] !== indexKey(item, index) ? 2 : 1);
      else if (had) this.indexUnits[i] += 1; // the put drops the item from the index
    });
    this.shadow.set(keyOf(item), this.indexes.map((index) => indexKey(item, index)));
  }

  private delete(key: Item): void {
    this.deletes++;
    this.baseUnits += 1;
    const before = this.shadow.get(keyOf(key));
    this.indexes.forEach((_, i) => {
      if (before?.[i] !== undefined) this.indexUnits[i] += 1;
    });
    this.shadow.delete(keyOf(key));
  }

  private update(input: Record<string, unknown>): void {
    const key = input.Key as Item;
    const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
    const values = (input.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
    const expression = String(input.UpdateExpression ?? '');
    const touched = new Set<string>();
    const setTo = new Map<string, string | undefined>();
    for (const clause of expression.split(/\b(?=SET |REMOVE |ADD |DELETE )/)) {
      const [verb, ...rest] = clause.trim().split(' ');
      for (const part of rest.join(' ').split(',')) {
        const m = /^\s*([#\w]+)(?:\.[#\w.]+)?\s*(?:=\s*(.+))?$/.exec(part);
        if (!m) continue;
        const name = m[1].startsWith('#') ? (names[m[1]] ?? m[1]) : m[1];
        touched.add(name);
        if (verb === 'REMOVE') setTo.set(name, undefined);
        else if (m[2] && /^:\w+$/.test(m[2].trim())) setTo.set(name, values[m[2].trim()]?.S);
      }
    }
    const before = this.shadow.get(keyOf(key));
    const after = before ? [...before] : this.indexes.map(() => undefined);
    const indexWrites = this.indexes.map((index, i) => {
      const keyTouched = index.keys.some((k) => touched.has(k));
      if (keyTouched) {
        const values = index.keys.map((k) => (setTo.has(k) ? setTo.get(k) : undefined));
        const next = values.every((v) => v !== undefined) ? values.join('\u0000') : undefined;
        const previous = before?.[i];
        after[i] = next;
        if (before && previous === next) return next === undefined ? 0 : 1;
        return (before ? previous !== undefined : true) && next !== undefined ? 2 : 1;
      }
      if (before?.[i] === undefined && before) return 0;
      if (index.projected === 'all') return touched.size > 0 ? 1 : 0;
      const projected = index.projected;
      return [...touched].some((n) => projected.has(n)) ? 1 : 0;
    });
    this.shadow.set(keyOf(key), after);
    this.updates.push({ key, indexWrites });
  }

  /** Totals, reading back updated items to size their updates. */
  async tally(client: DynamoDBClient, table: string): Promise<WriteTally> {
    let updateBase = 0;
    const updateIndex = this.indexes.map(() => 0);
    for (const u of this.updates) {
      const res = await client.send(new GetItemCommand({ TableName: table, Key: u.key }));
      const item = res.Item ?? u.key;
      updateBase += writeUnits(itemSize(item));
      this.indexes.forEach((index, i) => {
        if (!u.indexWrites[i]) return;
        const p = projection(item, index);
        // A write that removed the item from the index is a delete of its entry: one unit.
        updateIndex[i] += p ? writeUnits(itemSize(p)) * u.indexWrites[i] : 1;
      });
    }
    const indexUnits = Object.fromEntries(this.indexes.map((index, i) => [index.name, this.indexUnits[i] + updateIndex[i]]));
    return {
      requests: this.requests,
      itemsPut: this.puts,
      itemsUpdated: this.updates.length,
      itemsDeleted: this.deletes,
      writeUnits: this.baseUnits + updateBase + Object.values(indexUnits).reduce((a, b) => a + b, 0),
      indexUnits,
    };
  }
}

function keyOf(item: Item): string {
  return `${item.pk?.S}\u0000${item.sk?.S}`;
}

function indexKey(item: Item, index: IndexShape): string | undefined {
  const values = index.keys.map((k) => item[k]?.S);
  return values.every((v) => v !== undefined) ? values.join('\u0000') : undefined;
}

export interface StoredBytes {
  items: number;
  /** Base table and index copies, with DynamoDB's per-item overhead. */
  bytes: number;
  byEntity: Record<string, { items: number; bytes: number }>;
}

/** Billable storage of everything in a table, from a full scan (base items plus their index projections). */
export async function storedBytes(client: DynamoDBClient, table: string, indexes: IndexShape[] = indexShapes()): Promise<StoredBytes> {
  const byEntity: StoredBytes['byEntity'] = {};
  let items = 0;
  let bytes = 0;
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      let b = itemSize(item) + STORAGE_OVERHEAD_BYTES;
      for (const index of indexes) {
        const p = projection(item, index);
        if (p) b += itemSize(p) + STORAGE_OVERHEAD_BYTES;
      }
      const entity = item.entity?.S ?? (item.sk?.S?.includes('#R#') ? 'ranking-entry' : 'other');
      byEntity[entity] ??= { items: 0, bytes: 0 };
      byEntity[entity].items++;
      byEntity[entity].bytes += b;
      items++;
      bytes += b;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, bytes, byEntity };
}
