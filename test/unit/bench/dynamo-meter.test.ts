import { describe, expect, it } from 'vitest';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoWriteMeter } from '../../../bench/lib/dynamo-meter';

const big = (kib: number) => ({ S: 'x'.repeat(kib * 1024) });
/** A client stand-in that answers GetItem with the given item (what the meter reads back for updates). */
const clientReturning = (item: Record<string, AttributeValue> | undefined) => ({ send: async () => ({ Item: item }) }) as unknown as DynamoDBClient;

describe('DynamoWriteMeter', () => {
  it('bills a put by its size, once more per GSI the item belongs to', async () => {
    const meter = new DynamoWriteMeter();
    meter.record('PutItemCommand', { Item: { pk: { S: 'a' }, body: big(2) } }); // just over 2 KiB → 3 WRU
    meter.record('PutItemCommand', { Item: { pk: { S: 'b' }, gsi1pk: { S: 'el#h' }, gsi2pk: { S: 'tagged' } } }); // 1 WRU × 3
    const t = await meter.tally(clientReturning(undefined), 'table');
    expect(t.itemsPut).toBe(2);
    expect(t.writeUnits).toBe(3 + 3);
  });

  it('counts every put and delete inside a batch, as one request', async () => {
    const meter = new DynamoWriteMeter();
    meter.record('BatchWriteItemCommand', {
      RequestItems: { table: [{ PutRequest: { Item: { pk: { S: 'p1' } } } }, { PutRequest: { Item: { pk: { S: 'p2' } } } }, { DeleteRequest: { Key: { pk: { S: 'old' } } } }] },
    });
    const t = await meter.tally(clientReturning(undefined), 'table');
    expect(t).toMatchObject({ requests: 1, itemsPut: 2, itemsDeleted: 1, writeUnits: 3 });
  });

  it('sizes an update by the item it leaves behind, read back at the end', async () => {
    const meter = new DynamoWriteMeter();
    meter.record('UpdateItemCommand', { Key: { pk: { S: 'doc' } } });
    const t = await meter.tally(clientReturning({ pk: { S: 'doc' }, gsi2pk: { S: 'tagged' }, elements: big(1) }), 'table');
    // just over 1 KiB → 2 WRU, written to the table and to one GSI
    expect(t.itemsUpdated).toBe(1);
    expect(t.writeUnits).toBe(4);
  });

  it('ignores reads', async () => {
    const meter = new DynamoWriteMeter();
    meter.record('QueryCommand', { TableName: 'table' });
    meter.record('GetItemCommand', { Key: {} });
    expect((await meter.tally(clientReturning(undefined), 'table')).requests).toBe(0);
  });
});
