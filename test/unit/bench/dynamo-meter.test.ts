import { describe, expect, it } from 'vitest';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoWriteMeter, indexShapes, projection } from '../../../bench/lib/dynamo-meter';

const big = (kib: number) => ({ S: 'x'.repeat(kib * 1024) });
/** A client stand-in that answers GetItem with the given item (what the meter reads back for updates). */
const clientReturning = (item: Record<string, AttributeValue> | undefined) => ({ send: async () => ({ Item: item }) }) as unknown as DynamoDBClient;

const INDEXES = indexShapes([
  { IndexName: 'all', KeySchema: [{ AttributeName: 'gA', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
  { IndexName: 'include', KeySchema: [{ AttributeName: 'gI', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title'] } },
  { IndexName: 'keys', KeySchema: [{ AttributeName: 'gK', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
]);

describe('DynamoWriteMeter', () => {
  it('bills a put by its size in the table, and by its projection in each index it belongs to', async () => {
    const meter = new DynamoWriteMeter(INDEXES);
    meter.record('PutItemCommand', { Item: { pk: { S: 'a' }, sk: { S: 's' }, body: big(2) } }); // just over 2 KiB → 3 WRU, no index
    meter.record('PutItemCommand', { Item: { pk: { S: 'b' }, sk: { S: 's' }, gA: { S: 'x' }, gI: { S: 'y' }, gK: { S: 'z' }, title: { S: 't' }, body: big(2) } });
    const t = await meter.tally(clientReturning(undefined), 'table');
    expect(t.itemsPut).toBe(2);
    // b: 3 in the table, 3 in the ALL index, 1 each in INCLUDE (keys + title) and KEYS_ONLY.
    expect(t.indexUnits).toEqual({ all: 3, include: 1, keys: 1 });
    expect(t.writeUnits).toBe(3 + 3 + 3 + 1 + 1);
  });

  it('projects only keys and the included attributes', () => {
    const item = { pk: { S: 'p' }, sk: { S: 's' }, gI: { S: 'y' }, title: { S: 't' }, body: { S: 'b' } };
    expect(projection(item, INDEXES[1])).toEqual({ pk: { S: 'p' }, sk: { S: 's' }, gI: { S: 'y' }, title: { S: 't' } });
    expect(projection(item, INDEXES[2])).toBeUndefined();
  });

  it('counts every put and delete inside a batch, as one request, and index deletes of items it saw indexed', async () => {
    const meter = new DynamoWriteMeter(INDEXES);
    meter.record('PutItemCommand', { Item: { pk: { S: 'old' }, sk: { S: 's' }, gK: { S: 'z' } } });
    meter.record('BatchWriteItemCommand', {
      RequestItems: { table: [{ PutRequest: { Item: { pk: { S: 'p1' }, sk: { S: 's' } } } }, { PutRequest: { Item: { pk: { S: 'p2' }, sk: { S: 's' } } } }, { DeleteRequest: { Key: { pk: { S: 'old' }, sk: { S: 's' } } } }] },
    });
    const t = await meter.tally(clientReturning(undefined), 'table');
    expect(t).toMatchObject({ requests: 2, itemsPut: 3, itemsDeleted: 1 });
    // old: put 1 + KEYS_ONLY 1; p1, p2: 1 each; the delete: 1 + 1 in the index it was in.
    expect(t.writeUnits).toBe(2 + 2 + 2);
  });

  it('charges an index for an update only when it changes what the index holds, twice when it moves the key', async () => {
    const meter = new DynamoWriteMeter(INDEXES);
    const key = { pk: { S: 'doc' }, sk: { S: 'META' } };
    meter.record('PutItemCommand', { Item: { ...key, gK: { S: 'STATUS#received' }, gI: { S: 'row' }, title: { S: 't' } } });
    // Not held by the INCLUDE or KEYS_ONLY index: table only.
    meter.record('UpdateItemCommand', { Key: key, UpdateExpression: 'REMOVE #p', ExpressionAttributeNames: { '#p': 'pending' } });
    // Moves the KEYS_ONLY key (2) and changes the included title (1).
    meter.record('UpdateItemCommand', {
      Key: key,
      UpdateExpression: 'SET #s = :s, #t = :t',
      ExpressionAttributeNames: { '#s': 'gK', '#t': 'title' },
      ExpressionAttributeValues: { ':s': { S: 'STATUS#tagged' }, ':t': { S: 'T' } },
    });
    const t = await meter.tally(clientReturning({ ...key, gK: { S: 'STATUS#tagged' }, gI: { S: 'row' }, title: { S: 'T' }, elements: big(1) }), 'table');
    expect(t.itemsUpdated).toBe(2);
    // Put: 1 + include 1 + keys 1. Updates: 2 × 2 (just over 1 KiB) in the table; include 1, keys 2.
    expect(t.indexUnits).toEqual({ all: 0, include: 2, keys: 3 });
    expect(t.writeUnits).toBe(1 + 4 + 2 + 3);
  });

  it('ignores reads', async () => {
    const meter = new DynamoWriteMeter(INDEXES);
    meter.record('QueryCommand', { TableName: 'table' });
    meter.record('GetItemCommand', { Key: {} });
    expect((await meter.tally(clientReturning(undefined), 'table')).requests).toBe(0);
  });
});
