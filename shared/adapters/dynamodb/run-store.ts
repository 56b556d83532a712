/**
 * Reprocessing runs on the single table (RunStore of shared/app/reprocess):
 *   run        `RUN#<runId>` / `RUN`             gsi2 `RUNS` / `<startedAt>#<runId>` (same item as repo.putRun)
 *   work item  `RUN#<runId>` / `DOC#<documentId>` state, from/to version (and the element scores it
 *              started from), gained/lost elements
 * Work items are created with a conditional put and finished with a conditional update
 * (`state = pending`), so a redelivered message never counts a document twice.
 * The list index holds keys only: runs are listed from it and read from the table.
 * Expiry (AWS TTL on `expiresAt`): a finished work item `retentionMs` after it finished, a run
 * `retentionMs` after it ended. A running run and its pending items never expire.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../app/types';
import type { RunStore, WorkOutcome } from '../../app/reprocess/ports';
import type { ReprocessRun, RunCounts, WorkItem, WorkState } from '../../app/reprocess/types';
import { asStartKey, CursorCodec, InvalidCursorError } from './cursor';
import { batchGetAll, batchWriteAll } from './batch';
import { GSI_LISTS, gsi, keys } from './keys';
import { decodeElementScores, encodeElementScores } from './element-scores';
import { queryAll, QueryFilter, queryFilteredPage, sendConditional, stripUndefined } from './operations';

const WORK_PREFIX = 'DOC#';
const COUNTERS = ['pending', 'done', 'failed', 'unchanged'] as const;
const MAX_FILTER_ROUNDS = 20;
const PUT_PARALLELISM = 10;

export const runKeys = {
  run: keys.run,
  workItem: (runId: string, documentId: string) => ({ pk: keys.run(runId).pk, sk: `${WORK_PREFIX}${documentId}` }),
};

export interface RunStoreOptions {
  client: DynamoDBDocumentClient;
  table: string;
  cursorSecret: string;
  /** How long a finished run and its change report stay (default 90 days after they finish). */
  retentionMs?: number;
  now?: () => Date;
}

export const DEFAULT_RUN_RETENTION_DAYS = 90;

export class DynamoRunStore implements RunStore {
  private readonly db: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly cursors: CursorCodec;
  private readonly now: () => Date;
  private readonly retentionMs: number;

  constructor(opts: RunStoreOptions) {
    this.db = opts.client;
    this.table = opts.table;
    this.cursors = new CursorCodec(opts.cursorSecret);
    this.now = opts.now ?? (() => new Date());
    this.retentionMs = opts.retentionMs ?? DEFAULT_RUN_RETENTION_DAYS * 86_400_000;
  }

  /** Epoch seconds at which something finished now may be deleted. */
  private expiry(): number {
    return Math.floor((this.now().getTime() + this.retentionMs) / 1000);
  }

  /** Runs named by index keys, read from the table in the index's order. */
  private async runsAt(indexItems: Record<string, unknown>[]): Promise<ReprocessRun[]> {
    const found = await batchGetAll(this.db, this.table, indexItems.map((i) => ({ pk: i.pk, sk: i.sk })));
    const byPk = new Map(found.map((i) => [i.pk as string, toRun(i)]));
    return indexItems.flatMap((i) => byPk.get(i.pk as string) ?? []);
  }

  async createRun(run: ReprocessRun): Promise<boolean> {
    return sendConditional(
      this.db,
      new PutCommand({
        TableName: this.table,
        Item: stripUndefined({ ...keys.run(run.runId), ...gsi.run(run.startedAt, run.runId), entity: 'run', ...run }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getRun(runId: string): Promise<ReprocessRun | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.run(runId), ConsistentRead: true }));
    return res.Item ? toRun(res.Item) : undefined;
  }

  async listRuns(limit: number, cursor?: string): Promise<Page<ReprocessRun>> {
    const scope = 'runs';
    const startKey = cursor ? asStartKey(this.cursors.decode(cursor, scope), ['pk', 'sk', 'gsi2pk', 'gsi2sk']) : undefined;
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI_LISTS,
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': 'RUNS' },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const next = res.LastEvaluatedKey ? this.cursors.encode(scope, res.LastEvaluatedKey) : undefined;
    return { items: await this.runsAt(res.Items ?? []), nextCursor: next };
  }

  async findRunning(scope: string, targetVersion: string, extractorVersion: string): Promise<ReprocessRun | undefined> {
    // Runs are few (finished ones expire): list them all, newest first, and read them consistently.
    const listed = await queryAll(this.db, {
      TableName: this.table,
      IndexName: GSI_LISTS,
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': 'RUNS' },
      ScanIndexForward: false,
    });
    for (let i = 0; i < listed.length; i += 100) {
      const runs = await this.runsAt(listed.slice(i, i + 100));
      const hit = runs.find((r) => r.status === 'running' && r.scope === scope && r.targetVersion === targetVersion && r.extractorVersion === extractorVersion);
      if (hit) {
        const run = await this.getRun(hit.runId);
        if (run?.status === 'running') return run;
      }
    }
    return undefined;
  }

  async addWorkItems(items: WorkItem[]): Promise<{ created: number; pending: WorkItem[] }> {
    let created = 0;
    const pending: WorkItem[] = [];
    for (let i = 0; i < items.length; i += PUT_PARALLELISM) {
      await Promise.all(
        items.slice(i, i + PUT_PARALLELISM).map(async (item) => {
          const isNew = await sendConditional(
            this.db,
            new PutCommand({
              TableName: this.table,
              Item: stripUndefined({
                ...runKeys.workItem(item.runId, item.documentId),
                entity: 'run-item',
                ...item,
                fromElements: encodeElementScores(item.fromElements),
              }),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          if (isNew) {
            created++;
            pending.push(item);
            return;
          }
          // Listed before (a repeated plan message): still to do only while it is pending.
          const existing = await this.getWorkItem(item.runId, item.documentId);
          if (existing?.state === 'pending') pending.push(existing);
        }),
      );
    }
    return { created, pending };
  }

  async getWorkItem(runId: string, documentId: string): Promise<WorkItem | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: runKeys.workItem(runId, documentId), ConsistentRead: true }));
    return res.Item ? toWorkItem(res.Item) : undefined;
  }

  async getRunAndItem(runId: string, documentId: string): Promise<{ run?: ReprocessRun; item?: WorkItem }> {
    const found = await batchGetAll(this.db, this.table, [keys.run(runId), runKeys.workItem(runId, documentId)], { consistent: true });
    const run = found.find((i) => i.sk === 'RUN');
    const item = found.find((i) => i.sk !== 'RUN');
    return { run: run ? toRun(run) : undefined, item: item ? toWorkItem(item) : undefined };
  }

  async getRunAndItems(runId: string, documentIds: readonly string[]): Promise<{ run?: ReprocessRun; items: Map<string, WorkItem> }> {
    const unique = [...new Set(documentIds)];
    const found = await batchGetAll(this.db, this.table, [keys.run(runId), ...unique.map((id) => runKeys.workItem(runId, id))], { consistent: true });
    const run = found.find((i) => i.sk === 'RUN');
    const items = new Map(found.filter((i) => i.sk !== 'RUN').map((i) => toWorkItem(i)).map((w) => [w.documentId, w]));
    return { run: run ? toRun(run) : undefined, items };
  }

  async completeWorkItem(runId: string, documentId: string, o: WorkOutcome): Promise<boolean> {
    const changed = o.gained.length + o.lost.length + o.recounted.length > 0;
    return sendConditional(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: runKeys.workItem(runId, documentId),
        UpdateExpression:
          'SET #state = :state, toVersion = :to, reason = :reason, gained = :gained, lost = :lost, recounted = :recounted, changed = :changed, updatedAt = :at, #x = :x',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state', '#x': 'expiresAt' },
        ExpressionAttributeValues: {
          ':state': o.state,
          ':pending': 'pending',
          ':to': o.toVersion,
          ':reason': o.reason,
          ':gained': o.gained,
          ':lost': o.lost,
          ':recounted': o.recounted,
          ':changed': changed,
          ':at': this.now().toISOString(),
          ':x': this.expiry(),
        },
      }),
    );
  }

  async addCounts(runId: string, delta: Partial<RunCounts> & { total?: number }): Promise<ReprocessRun> {
    const names: Record<string, string> = { '#counts': 'counts' };
    const values: Record<string, number> = {};
    const sets: string[] = [];
    for (const c of COUNTERS) {
      if (!delta[c]) continue;
      names[`#${c}`] = c;
      values[`:${c}`] = delta[c]!;
      sets.push(`#counts.#${c} = #counts.#${c} + :${c}`);
    }
    if (delta.total) {
      names['#total'] = 'total';
      values[':total'] = delta.total;
      sets.push('#total = #total + :total');
    }
    if (!sets.length) return (await this.getRun(runId))!;
    const res = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.run(runId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRun(res.Attributes!);
  }

  async savePlanning(runId: string, progress: { cursor?: string; planned: boolean }): Promise<void> {
    const update = progress.cursor
      ? { UpdateExpression: 'SET planned = :planned, planCursor = :cursor', ExpressionAttributeValues: { ':planned': progress.planned, ':cursor': progress.cursor } }
      : { UpdateExpression: 'SET planned = :planned REMOVE planCursor', ExpressionAttributeValues: { ':planned': progress.planned } };
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: keys.run(runId), ConditionExpression: 'attribute_exists(pk)', ...update }));
  }

  async recount(runId: string): Promise<ReprocessRun> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :w)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pk': keys.run(runId).pk, ':w': WORK_PREFIX },
      ProjectionExpression: '#state',
      ConsistentRead: true,
    });
    const counts: RunCounts = { pending: 0, done: 0, failed: 0, unchanged: 0 };
    for (const i of items) counts[i.state as WorkState]++;
    const res = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.run(runId),
        UpdateExpression: 'SET #counts = :counts, #total = :total',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#counts': 'counts', '#total': 'total' },
        ExpressionAttributeValues: { ':counts': counts, ':total': items.length },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRun(res.Attributes!);
  }

  async finishRun(runId: string, status: 'done' | 'failed'): Promise<boolean> {
    return sendConditional(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: keys.run(runId),
        UpdateExpression: 'SET #status = :status, endedAt = :at, #x = :x',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status', '#x': 'expiresAt' },
        ExpressionAttributeValues: { ':status': status, ':running': 'running', ':at': this.now().toISOString(), ':x': this.expiry() },
      }),
    );
  }

  /**
   * Deletes runs whose retention has passed, with their work items, where the table has no TTL
   * (dynalite). Returns how many runs.
   */
  async purgeExpiredRuns(now: Date = this.now()): Promise<number> {
    const listed = await queryAll(this.db, {
      TableName: this.table,
      IndexName: GSI_LISTS,
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': 'RUNS' },
    });
    const limit = now.getTime() / 1000;
    let purged = 0;
    for (let i = 0; i < listed.length; i += 100) {
      const found = await batchGetAll(this.db, this.table, listed.slice(i, i + 100).map((r) => ({ pk: r.pk, sk: r.sk })));
      for (const run of found) {
        if (typeof run.expiresAt !== 'number' || run.expiresAt > limit) continue;
        const items = await queryAll(this.db, {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': run.pk },
          ProjectionExpression: 'pk, sk',
        });
        // Work items first: the run item is what finds them again if this stops halfway.
        const ordered = [...items.filter((x) => x.sk !== 'RUN'), { pk: run.pk, sk: 'RUN' }];
        await batchWriteAll(this.db, this.table, ordered.map((Key) => ({ DeleteRequest: { Key: { pk: Key.pk, sk: Key.sk } } })));
        purged++;
      }
    }
    return purged;
  }

  async listWorkItems(runId: string, q: { state?: WorkState; changedOnly?: boolean; limit: number; cursor?: string }): Promise<Page<WorkItem>> {
    const scope = JSON.stringify(['run-items', runId, q.state ?? '', Boolean(q.changedOnly)]);
    const startKey = q.cursor ? asStartKey(this.cursors.decode(q.cursor, scope), ['pk', 'sk']) : undefined;
    const filter = new QueryFilter();
    if (q.state) filter.where('#state = :state', { '#state': 'state' }, { ':state': q.state });
    if (q.changedOnly) filter.where('changed = :true', {}, { ':true': true });
    const page = await queryFilteredPage(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :w)',
        ExpressionAttributeValues: { ':pk': keys.run(runId).pk, ':w': WORK_PREFIX },
        ConsistentRead: true,
      },
      filter,
      { limit: q.limit, startKey, maxRounds: MAX_FILTER_ROUNDS },
    );
    return { items: page.items.map(toWorkItem), nextCursor: page.lastKey ? this.cursors.encode(scope, page.lastKey) : undefined };
  }
}

export { InvalidCursorError };

function toRun(item: Record<string, unknown>): ReprocessRun {
  const { pk: _pk, sk: _sk, gsi2pk: _a, gsi2sk: _b, entity: _e, expiresAt: _x, ...run } = item;
  return {
    ...(run as unknown as ReprocessRun),
    planned: Boolean(run.planned),
    total: Number(run.total ?? 0),
    extractorVersion: (run.extractorVersion as string | undefined) ?? '',
  };
}

function toWorkItem(item: Record<string, unknown>): WorkItem {
  const { pk: _pk, sk: _sk, entity: _e, expiresAt: _x, ...rest } = item;
  return {
    ...(rest as unknown as WorkItem),
    fromElements: decodeElementScores(rest.fromElements),
    gained: (rest.gained as WorkItem['gained']) ?? [],
    lost: (rest.lost as WorkItem['lost']) ?? [],
    recounted: (rest.recounted as WorkItem['recounted']) ?? [],
    changed: Boolean(rest.changed),
  };
}
