/**
 * Query and conditional-write helpers shared by the table's repositories (documents, reprocessing
 * runs). Batched reads and writes live in ./batch, cursors in ./cursor.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DeleteCommand, type DynamoDBDocumentClient, type PutCommand, type QueryCommandInput, type UpdateCommand } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/** A failed ConditionExpression, whether the SDK built its typed exception or only named it (emulators). */
export function isConditionFailure(err: unknown): boolean {
  return err instanceof ConditionalCheckFailedException || (err as Error)?.name === 'ConditionalCheckFailedException';
}

/**
 * Sends a conditional write. Returns false when its condition did not hold (the expected outcome
 * of a lost race or a repeat delivery); any other error is thrown.
 */
export async function sendConditional(db: DynamoDBDocumentClient, command: PutCommand | UpdateCommand | DeleteCommand): Promise<boolean> {
  try {
    await db.send(command as never);
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** The item without its undefined attributes, which the document client would otherwise reject. */
export function stripUndefined<T extends Item>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** Every item a query matches, following LastEvaluatedKey to the end. */
export async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const out: Item[] = [];
  let startKey: Item | undefined;
  do {
    const res = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    out.push(...(res.Items ?? []));
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/** Conditions of a FilterExpression, joined with AND, and the names and values they use. */
export class QueryFilter {
  readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Item = {};

  where(condition: string, names: Record<string, string>, values: Item): this {
    this.conditions.push(condition);
    Object.assign(this.names, names);
    Object.assign(this.values, values);
    return this;
  }
}

/**
 * One page of a filtered query. A filter drops items after DynamoDB has counted them against
 * Limit, so the query is repeated (at most `maxRounds` times) until `limit` items have passed or
 * the key range ends. `lastKey` is where the next page starts; absent at the end.
 */
export async function queryFilteredPage(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  filter: QueryFilter,
  page: { limit: number; startKey?: Record<string, string>; maxRounds: number },
): Promise<{ items: Item[]; lastKey?: Record<string, string> }> {
  const items: Item[] = [];
  let startKey = page.startKey;
  for (let round = 0; round < page.maxRounds && items.length < page.limit; round++) {
    const query: QueryCommandInput = {
      ...input,
      ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ...filter.values },
      Limit: page.limit - items.length,
      ExclusiveStartKey: startKey,
    };
    if (filter.conditions.length) query.FilterExpression = filter.conditions.join(' AND ');
    // DynamoDB rejects an empty names map (a filter such as `changed = :true` needs none).
    if (Object.keys(filter.names).length) query.ExpressionAttributeNames = { ...input.ExpressionAttributeNames, ...filter.names };
    const res = await db.send(new QueryCommand(query));
    items.push(...(res.Items ?? []));
    startKey = res.LastEvaluatedKey as Record<string, string> | undefined;
    if (!startKey) break;
  }
  return { items, lastKey: startKey };
}
