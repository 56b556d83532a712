/**
 * Which storage layout a table holds. The `LAYOUT` item names it; a table written before layouts
 * were named (layout 1: one item per paragraph and per tag, under every classifier version) has no
 * such item but has documents. Code reads exactly one layout, so a table in another one is either
 * upgraded (layout 1, see upgrade-layout-1.ts) or refused with a message that says what to do:
 * never half-read.
 */
import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys, STORAGE_LAYOUT } from './keys';
import { sendConditional } from './operations';

export class StorageLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageLayoutError';
  }
}

export type LayoutState = { layout: number; upgrading?: boolean } | 'empty';

/** The layout a table holds: its LAYOUT item, `empty` for a table with no item at all, else layout 1. */
export async function readLayout(db: DynamoDBDocumentClient, table: string): Promise<LayoutState> {
  const res = await db.send(new GetCommand({ TableName: table, Key: keys.layout, ConsistentRead: true }));
  if (res.Item) return { layout: Number(res.Item.layout), ...(res.Item.upgradingTo ? { upgrading: true } : {}) };
  const any = await db.send(new ScanCommand({ TableName: table, Limit: 1, ProjectionExpression: 'pk' }));
  return (any.Items?.length ?? 0) === 0 && !any.LastEvaluatedKey ? 'empty' : { layout: 1 };
}

export async function writeLayout(db: DynamoDBDocumentClient, table: string, state: { layout: number; upgradingTo?: number }): Promise<void> {
  await db.send(new PutCommand({ TableName: table, Item: { ...keys.layout, entity: 'layout', ...state, at: new Date().toISOString() } }));
}

/**
 * Makes sure the table holds the current layout. An empty table is stamped; a layout-1 table is
 * handed to `upgrade` when given (and stamped once it returns), refused otherwise; any other
 * layout is refused.
 */
export async function ensureLayout(
  db: DynamoDBDocumentClient,
  table: string,
  opts: { upgrade?: (from: number) => Promise<void>; where: string },
): Promise<'current' | 'created' | 'upgraded'> {
  const state = await readLayout(db, table);
  if (state === 'empty') {
    // Two processes starting on one empty table both stamp it: the same item, harmless.
    await sendConditional(
      db,
      new PutCommand({
        TableName: table,
        Item: { ...keys.layout, entity: 'layout', layout: STORAGE_LAYOUT, at: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'created';
  }
  if (state.layout === STORAGE_LAYOUT && !state.upgrading) return 'current';
  if (state.layout === 1 && opts.upgrade) {
    await writeLayout(db, table, { layout: 1, upgradingTo: STORAGE_LAYOUT });
    await opts.upgrade(1);
    await writeLayout(db, table, { layout: STORAGE_LAYOUT });
    return 'upgraded';
  }
  if (state.layout === 1) {
    throw new StorageLayoutError(
      `${opts.where} holds the storage layout of an older gcm-tagger (one item per paragraph and tag, layout 1)` +
        `${state.upgrading ? ', half upgraded' : ''}; this version reads layout ${STORAGE_LAYOUT}. ` +
        'Start `npm start` on it once to upgrade it in place, or delete the data folder to start over.',
    );
  }
  throw new StorageLayoutError(
    `${opts.where} holds storage layout ${state.layout}, which this version of gcm-tagger does not know (it reads layout ${STORAGE_LAYOUT}); ` +
      'use the version that wrote it, or delete the data folder to start over.',
  );
}
