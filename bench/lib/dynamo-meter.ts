/**
 * Counts the DynamoDB writes an ingest makes, as AWS would bill them: a middleware on the client sees
 * every marshalled PutItem / BatchWriteItem / UpdateItem / DeleteItem. Puts are sized exactly;
 * an update is sized by the item it leaves behind (read back once at the end), since the write is
 * billed on the larger of before and after and our updates only grow items. Every write to an item
 * that carries a GSI key also writes that index (both indexes project ALL attributes).
 */
import { GetItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { itemSize, STORAGE_OVERHEAD_BYTES, writeUnits } from './item-size';

type Item = Record<string, AttributeValue>;

export const GSI_KEY_ATTRIBUTES = ['gsi1pk', 'gsi2pk'];

const indexCopies = (item: Item) => GSI_KEY_ATTRIBUTES.filter((a) => item[a] !== undefined).length;

export interface WriteTally {
  requests: number;
  itemsPut: number;
  itemsUpdated: number;
  itemsDeleted: number;
  writeUnits: number;
}

export class DynamoWriteMeter {
  private putUnits = 0;
  private puts = 0;
  private deletes = 0;
  private requests = 0;
  private readonly updates: Item[] = [];

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
      for (const list of Object.values(input.RequestItems as Record<string, Array<{ PutRequest?: { Item: Item }; DeleteRequest?: unknown }>>)) {
        for (const r of list) {
          if (r.PutRequest) this.put(r.PutRequest.Item);
          else this.deletes++;
        }
      }
    } else if (command === 'UpdateItemCommand') {
      this.requests++;
      this.updates.push(input.Key as Item);
    } else if (command === 'DeleteItemCommand') {
      this.requests++;
      this.deletes++;
    }
  }

  private put(item: Item): void {
    this.puts++;
    this.putUnits += writeUnits(itemSize(item)) * (1 + indexCopies(item));
  }

  /** Totals, reading back updated items to size their updates. */
  async tally(client: DynamoDBClient, table: string): Promise<WriteTally> {
    let updateUnits = 0;
    for (const key of this.updates) {
      const res = await client.send(new GetItemCommand({ TableName: table, Key: key }));
      const item = res.Item ?? key;
      updateUnits += writeUnits(itemSize(item)) * (1 + indexCopies(item));
    }
    return {
      requests: this.requests,
      itemsPut: this.puts,
      itemsUpdated: this.updates.length,
      itemsDeleted: this.deletes,
      writeUnits: this.putUnits + updateUnits + this.deletes,
    };
  }
}

export interface StoredBytes {
  items: number;
  /** Base table and index copies, with DynamoDB's per-item overhead. */
  bytes: number;
  byEntity: Record<string, { items: number; bytes: number }>;
}

/** Billable storage of everything in a table, from a full scan (base items plus their GSI copies). */
export async function storedBytes(client: DynamoDBClient, table: string): Promise<StoredBytes> {
  const byEntity: StoredBytes['byEntity'] = {};
  let items = 0;
  let bytes = 0;
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const b = (itemSize(item) + STORAGE_OVERHEAD_BYTES) * (1 + indexCopies(item));
      const entity = item.entity?.S ?? 'other';
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
