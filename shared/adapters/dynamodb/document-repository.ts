/**
 * DynamoDB implementation of DocumentRepository on the single table described in keys.ts.
 * No transactions (dynalite lacks them): multi-item writes are idempotent batches, and the only
 * point of decision is a conditional update on the single document item.
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import type {
  DocumentRepository,
  ExtractionFacts,
  IndexEntry,
  NewDocument,
  RankingQuery,
  VersionSwitch,
  VersionWrite,
} from '../../app/ports';
import {
  DOCUMENT_STATUSES,
  type DocumentRecord,
  type DocumentStatus,
  type ElementSummary,
  type OcrJob,
  type Page,
  type RankedDocument,
  type RunRecord,
  type StoredParagraph,
  type StoredTag,
} from '../../app/types';
import { batchGetAll, batchWriteAll, type RetryOptions, type WriteRequest } from './batch';
import { asStartKey, CursorCodec, InvalidCursorError } from './cursor';
import { GSI_LISTS, GSI_RANKING, gsi, keys, rankingPartition, rankingRange, type IndexTarget } from './keys';
import { isConditionFailure, queryAll, QueryFilter, queryFilteredPage, sendConditional, stripUndefined } from './operations';

export interface RepositoryOptions {
  client: DynamoDBDocumentClient;
  table: string;
  /** Secret used to sign pagination cursors. */
  cursorSecret: string;
  /** How long a superseded version stays readable for comparison (default 14 days). */
  retentionMs?: number;
  retry?: RetryOptions;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
const MAX_FILTER_ROUNDS = 20;

export class DynamoDocumentRepository implements DocumentRepository {
  private readonly db: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly cursors: CursorCodec;
  private readonly retentionMs: number;
  private readonly now: () => Date;

  constructor(private readonly opts: RepositoryOptions) {
    this.db = opts.client;
    this.table = opts.table;
    this.cursors = new CursorCodec(opts.cursorSecret);
    this.retentionMs = opts.retentionMs ?? 14 * DAY_MS;
    this.now = opts.now ?? (() => new Date());
  }

  async registerDocument(doc: NewDocument): Promise<DocumentRecord> {
    const at = this.now().toISOString();
    const item = {
      ...keys.document(doc.documentId),
      ...gsi.status('received', at, doc.documentId),
      entity: 'document',
      documentId: doc.documentId,
      sha256: doc.sha256,
      bucket: doc.bucket,
      key: doc.key,
      keys: [doc.key],
      process: doc.process,
      type: doc.type,
      meetingDate: doc.meetingDate,
      byteLength: doc.byteLength,
      title: null,
      pages: null,
      language: null,
      status: 'received',
      reason: null,
      extractorVersion: null,
      currentVersion: null,
      elements: [],
      paragraphCount: 0,
      createdAt: at,
      updatedAt: at,
    };
    const created = await sendConditional(
      this.db,
      new PutCommand({
        TableName: this.table,
        Item: stripUndefined(item),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    if (!created) {
      // Same bytes seen before (redelivery, or another key): record the key once, fill metadata gaps.
      const names: Record<string, string> = { '#keys': 'keys' };
      const values: Record<string, unknown> = { ':k': [doc.key], ':key': doc.key };
      const sets = ['#keys = list_append(#keys, :k)'];
      for (const field of ['process', 'type', 'meetingDate'] as const) {
        if (doc[field] === undefined) continue;
        names[`#${field}`] = field;
        values[`:${field}`] = doc[field];
        sets.push(`#${field} = if_not_exists(#${field}, :${field})`);
      }
      // A key already recorded fails the condition: nothing to add.
      await sendConditional(
        this.db,
        new UpdateCommand({
          TableName: this.table,
          Key: keys.document(doc.documentId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'NOT contains(#keys, :key)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    }
    await batchWriteAll(
      this.db,
      this.table,
      [
        { PutRequest: { Item: { ...keys.alias(doc.documentId, doc.key), entity: 'alias', key: doc.key, at } } },
        { PutRequest: { Item: { ...keys.objectKey(doc.key), entity: 'object-key', documentId: doc.documentId, at } } },
      ],
      this.opts.retry,
    );
    const stored = await this.getDocument(doc.documentId);
    if (!stored) throw new Error(`document ${doc.documentId} vanished after registration`);
    return stored;
  }

  async getDocument(documentId: string): Promise<DocumentRecord | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.document(documentId), ConsistentRead: true }),
    );
    return res.Item ? toDocument(res.Item) : undefined;
  }

  async documentIdForKey(key: string): Promise<string | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.objectKey(key), ConsistentRead: true }));
    return res.Item?.documentId as string | undefined;
  }

  async setStatus(
    documentId: string,
    status: DocumentStatus,
    fields: { reason?: string | null; facts?: ExtractionFacts } = {},
  ): Promise<void> {
    const at = this.now().toISOString();
    const names: Record<string, string> = { '#status': 'status', '#updatedAt': 'updatedAt', '#g2pk': 'gsi2pk', '#g2sk': 'gsi2sk' };
    const values: Record<string, unknown> = { ':status': status, ':at': at, ...prefixed(gsi.status(status, at, documentId)) };
    const sets = ['#status = :status', '#updatedAt = :at', '#g2pk = :gsi2pk', '#g2sk = :gsi2sk'];
    if (fields.reason !== undefined) {
      names['#reason'] = 'reason';
      values[':reason'] = fields.reason;
      sets.push('#reason = :reason');
    }
    if (fields.facts) addFacts(fields.facts, names, values, sets);
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.document(documentId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  async recordOcrJob(documentId: string, job: OcrJob, pending?: { reason: string; facts: ExtractionFacts }): Promise<boolean> {
    const names: Record<string, string> = { '#job': 'ocrJob' };
    const values: Record<string, unknown> = { ':job': stripUndefined({ ...job }) };
    const sets = ['#job = :job'];
    let condition = 'attribute_exists(pk)';
    if (pending) {
      const at = this.now().toISOString();
      Object.assign(names, { '#status': 'status', '#updatedAt': 'updatedAt', '#g2pk': 'gsi2pk', '#g2sk': 'gsi2sk', '#reason': 'reason' });
      Object.assign(values, {
        ':status': 'ocr-pending',
        ':at': at,
        ':reason': pending.reason,
        ':tagged': 'tagged',
        ':needsOcr': 'needs-ocr',
        ...prefixed(gsi.status('ocr-pending', at, documentId)),
      });
      sets.push('#status = :status', '#updatedAt = :at', '#g2pk = :gsi2pk', '#g2sk = :gsi2sk', '#reason = :reason');
      addFacts(pending.facts, names, values, sets);
      // A result that arrived meanwhile (the job's completion was faster than this delivery) stays.
      condition += ' AND NOT (#status IN (:tagged, :needsOcr))';
    }
    return sendConditional(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: keys.document(documentId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  async expireOcrJob(documentId: string, jobId: string, reason: string): Promise<boolean> {
    const at = this.now().toISOString();
    return sendConditional(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: keys.document(documentId),
        UpdateExpression: 'SET #status = :failed, #reason = :reason, #updatedAt = :at, #g2pk = :gsi2pk, #g2sk = :gsi2sk',
        ConditionExpression: '#status = :pending AND #job.#jobId = :jobId',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#reason': 'reason',
          '#updatedAt': 'updatedAt',
          '#g2pk': 'gsi2pk',
          '#g2sk': 'gsi2sk',
          '#job': 'ocrJob',
          '#jobId': 'jobId',
        },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':pending': 'ocr-pending',
          ':reason': reason,
          ':at': at,
          ':jobId': jobId,
          ...prefixed(gsi.status('failed', at, documentId)),
        },
      }),
    );
  }

  async writeVersion(write: VersionWrite): Promise<void> {
    const requests: WriteRequest[] = [
      {
        PutRequest: {
          Item: {
            ...keys.versionSummary(write.documentId, write.version),
            entity: 'version-summary',
            version: write.version,
            elements: write.elements,
            paragraphCount: write.paragraphs.length,
            writtenAt: this.now().toISOString(),
          },
        },
      },
    ];
    for (const p of write.paragraphs) {
      requests.push({
        PutRequest: {
          Item: {
            ...keys.paragraph(write.documentId, write.version, p.index),
            entity: 'paragraph',
            version: write.version,
            ...stripUndefined({ ...p }),
          },
        },
      });
      for (const t of p.tags) {
        requests.push({
          PutRequest: {
            Item: {
              ...keys.tag(write.documentId, write.version, t.element, p.index),
              entity: 'tag',
              version: write.version,
              index: p.index,
              number: p.number,
              page: p.page,
              ...t,
            },
          },
        });
      }
    }
    await batchWriteAll(this.db, this.table, requests, this.opts.retry);
  }

  async switchVersion(args: VersionSwitch): Promise<boolean> {
    const at = this.now().toISOString();
    const names: Record<string, string> = {
      '#cv': 'currentVersion',
      '#status': 'status',
      '#reason': 'reason',
      '#elements': 'elements',
      '#pc': 'paragraphCount',
      '#updatedAt': 'updatedAt',
      '#g2pk': 'gsi2pk',
      '#g2sk': 'gsi2sk',
      '#gen': 'generation',
      '#pending': 'switchPending',
    };
    const values: Record<string, unknown> = {
      ':v': args.version,
      ':status': 'tagged',
      ':null': null,
      ':elements': args.elements,
      ':pc': args.paragraphCount,
      ':at': at,
      ':one': 1,
      // Kept until the follow-up writes below are done; `from` survives a repeated switch to the same version.
      ':pending': { from: args.expectedCurrent },
      ...prefixed(gsi.status('tagged', at, args.documentId)),
    };
    const sets = [
      '#cv = :v',
      '#status = :status',
      '#reason = :null',
      '#elements = :elements',
      '#pc = :pc',
      '#updatedAt = :at',
      '#g2pk = :gsi2pk',
      '#g2sk = :gsi2sk',
      '#pending = if_not_exists(#pending, :pending)',
    ];
    addFacts(args.facts, names, values, sets);
    let condition: string;
    if (args.expectedCurrent === null) {
      condition = 'attribute_exists(pk) AND (attribute_not_exists(#cv) OR #cv = :null)';
    } else {
      condition = 'attribute_exists(pk) AND #cv = :expected';
      values[':expected'] = args.expectedCurrent;
    }
    let generation: number;
    let replaced: string | null;
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.document(args.documentId),
          UpdateExpression: `SET ${sets.join(', ')} ADD #gen :one`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      generation = Number(res.Attributes?.generation ?? 0);
      replaced = ((res.Attributes?.switchPending as { from?: string | null } | undefined)?.from ?? null) as string | null;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
    // If anything below fails, the document stays `switchPending` and the next delivery redoes these steps.
    const doc = await this.getDocument(args.documentId);
    if (doc) await this.writeIndex(doc, args.version, generation, args.index);
    // The new version is current: it must not be purged even if it was once superseded.
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.versionMarker(args.documentId, args.version) }));
    if (replaced && replaced !== args.version) {
      await this.supersede(args.documentId, replaced);
    }
    await sendConditional(
      this.db,
      new UpdateCommand({
        TableName: this.table,
        Key: keys.document(args.documentId),
        UpdateExpression: 'REMOVE #pending',
        // A newer switch has its own follow-up writes to finish: leave its flag alone.
        ConditionExpression: '#gen = :gen',
        ExpressionAttributeNames: { '#pending': 'switchPending', '#gen': 'generation' },
        ExpressionAttributeValues: { ':gen': generation },
      }),
    );
    return true;
  }

  /**
   * Rewrites the document's ranking entries. Each put/delete is conditional on the entry's generation
   * being older, so a slow writer of an older switch can never overwrite a newer index.
   */
  private async writeIndex(doc: DocumentRecord, version: string, generation: number, entries: IndexEntry[]): Promise<void> {
    const existing = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :idx)',
      ExpressionAttributeValues: { ':pk': keys.document(doc.documentId).pk, ':idx': 'IDX#' },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    const keep = new Set<string>();
    for (const e of entries) {
      const key = keys.indexEntry(doc.documentId, e.target);
      keep.add(key.sk);
      const item = stripUndefined({
        ...key,
        ...gsi.ranking(e.target, e.score, doc.documentId),
        entity: 'index-entry',
        target: rankingPartition(e.target),
        generation,
        documentId: doc.documentId,
        version,
        title: doc.title,
        key: doc.key,
        process: doc.process,
        type: doc.type,
        meetingDate: doc.meetingDate,
        score: e.score,
        paragraphCount: e.paragraphCount,
        evidence: e.evidence,
      });
      await this.conditionalOnGeneration(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk) OR generation <= :gen',
          ExpressionAttributeValues: { ':gen': generation },
        }),
      );
    }
    for (const old of existing) {
      if (keep.has(old.sk as string)) continue;
      await this.conditionalOnGeneration(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: old.pk, sk: old.sk },
          ConditionExpression: 'attribute_not_exists(pk) OR generation < :gen',
          ExpressionAttributeValues: { ':gen': generation },
        }),
      );
    }
  }

  private async conditionalOnGeneration(cmd: PutCommand | DeleteCommand): Promise<void> {
    await sendConditional(this.db, cmd);
  }

  /** Marks a replaced version: a marker listed under EXPIRING, and `expiresAt` on its items for AWS TTL. */
  private async supersede(documentId: string, version: string): Promise<void> {
    const expiresAt = new Date(this.now().getTime() + this.retentionMs);
    const ttl = Math.floor(expiresAt.getTime() / 1000);
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': keys.document(documentId).pk, ':v': keys.versionPrefix(version) },
    });
    await batchWriteAll(
      this.db,
      this.table,
      items.map((Item) => ({ PutRequest: { Item: { ...Item, expiresAt: ttl } } })),
      this.opts.retry,
    );
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.versionMarker(documentId, version),
          ...gsi.expiring(expiresAt.toISOString(), documentId, version),
          entity: 'superseded-version',
          documentId,
          version,
          expiresAt: ttl,
        },
      }),
    );
  }

  async purgeExpiredVersions(now: Date = this.now()): Promise<number> {
    const markers = await queryAll(this.db, {
      TableName: this.table,
      IndexName: GSI_LISTS,
      KeyConditionExpression: 'gsi2pk = :p AND gsi2sk < :now',
      ExpressionAttributeValues: { ':p': 'EXPIRING', ':now': now.toISOString() },
    });
    let purged = 0;
    for (const m of markers) {
      const documentId = m.documentId as string;
      const version = m.version as string;
      const doc = await this.getDocument(documentId);
      if (doc?.currentVersion === version) continue; // became current again
      const items = await queryAll(this.db, {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': keys.document(documentId).pk, ':v': keys.versionPrefix(version) },
        ProjectionExpression: 'pk, sk',
      });
      await batchWriteAll(
        this.db,
        this.table,
        [...items, keys.versionMarker(documentId, version)].map((Key) => ({ DeleteRequest: { Key: { pk: Key.pk, sk: Key.sk } } })),
        this.opts.retry,
      );
      purged++;
    }
    return purged;
  }

  async getVersionSummary(documentId: string, version: string): Promise<{ elements: ElementSummary[]; paragraphCount: number } | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.versionSummary(documentId, version), ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    return { elements: res.Item.elements as ElementSummary[], paragraphCount: res.Item.paragraphCount as number };
  }

  async listParagraphs(documentId: string, version: string, element?: ElementId): Promise<StoredParagraph[]> {
    const pk = keys.document(documentId).pk;
    if (!element) {
      const items = await queryAll(this.db, {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': keys.paragraphPrefix(version) },
      });
      return items.map(toParagraph);
    }
    const tags = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': pk, ':p': keys.tagPrefix(version, element) },
      ProjectionExpression: '#i',
      ExpressionAttributeNames: { '#i': 'index' },
    });
    const wanted = tags.map((t) => keys.paragraph(documentId, version, t.index as number));
    const items = await batchGetAll(this.db, this.table, wanted, this.opts.retry);
    return items.map(toParagraph).sort((a, b) => a.index - b.index);
  }

  async listByStatus(status: DocumentStatus | undefined, limit: number, cursor?: string): Promise<Page<DocumentRecord>> {
    // Without a status, walk the status partitions in a fixed order; the cursor remembers which one.
    const statuses = status ? [status] : [...DOCUMENT_STATUSES];
    const scope = `status:${statuses.join(',')}`;
    let position = { s: 0, k: undefined as Record<string, string> | undefined };
    if (cursor) {
      const p = this.cursors.decode(cursor, scope) as { s?: unknown; k?: unknown };
      if (typeof p?.s !== 'number' || !Number.isInteger(p.s) || p.s < 0 || p.s >= statuses.length) throw new InvalidCursorError();
      position = { s: p.s, k: p.k === undefined ? undefined : asStartKey(p.k, ['pk', 'sk', 'gsi2pk', 'gsi2sk']) };
    }
    const items: DocumentRecord[] = [];
    let s = position.s;
    let startKey = position.k;
    while (s < statuses.length && items.length < limit) {
      const res = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: GSI_LISTS,
          KeyConditionExpression: 'gsi2pk = :p',
          ExpressionAttributeValues: { ':p': `STATUS#${statuses[s]}` },
          ScanIndexForward: false,
          Limit: limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(res.Items ?? []).map(toDocument));
      if (res.LastEvaluatedKey) {
        startKey = res.LastEvaluatedKey as Record<string, string>;
      } else {
        s++;
        startKey = undefined;
      }
    }
    const more = s < statuses.length;
    return { items, nextCursor: more ? this.cursors.encode(scope, { s, k: startKey }) : undefined };
  }

  rankByElement(element: ElementId, q: RankingQuery): Promise<Page<RankedDocument>> {
    return this.rank({ kind: 'element', id: element }, q);
  }

  rankByTheme(theme: ThemeId, q: RankingQuery): Promise<Page<RankedDocument>> {
    return this.rank({ kind: 'theme', id: theme }, q);
  }

  private async rank(target: IndexTarget, q: RankingQuery): Promise<Page<RankedDocument>> {
    const partition = rankingPartition(target);
    const scope = JSON.stringify([partition, q.minScore ?? 0, q.process ?? '', q.type ?? '', q.dateFrom ?? '', q.dateTo ?? '']);
    const startKey = q.cursor ? asStartKey(this.cursors.decode(q.cursor, scope), ['pk', 'sk', 'gsi1pk', 'gsi1sk']) : undefined;
    const range = rankingRange(q.minScore);
    const filter = new QueryFilter();
    if (q.process) filter.where('#process = :process', { '#process': 'process' }, { ':process': q.process });
    if (q.type) filter.where('#type = :type', { '#type': 'type' }, { ':type': q.type });
    if (q.dateFrom) filter.where('#md >= :dateFrom', { '#md': 'meetingDate' }, { ':dateFrom': q.dateFrom });
    if (q.dateTo) filter.where('#md <= :dateTo', { '#md': 'meetingDate' }, { ':dateTo': q.dateTo });
    const page = await queryFilteredPage(
      this.db,
      {
        TableName: this.table,
        IndexName: GSI_RANKING,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': partition, ':from': range.from, ':to': range.to },
        ScanIndexForward: false,
      },
      filter,
      { limit: q.limit, startKey, maxRounds: MAX_FILTER_ROUNDS },
    );
    return { items: page.items.map(toRanked), nextCursor: page.lastKey ? this.cursors.encode(scope, page.lastKey) : undefined };
  }

  async countByElement(element: ElementId): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const res = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: GSI_RANKING,
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': rankingPartition({ kind: 'element', id: element }) },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += res.Count ?? 0;
      startKey = res.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  async putRun(run: RunRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: stripUndefined({ ...keys.run(run.runId), ...gsi.run(run.startedAt, run.runId), entity: 'run', ...run }),
      }),
    );
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.run(runId), ConsistentRead: true }));
    if (!res.Item) return undefined;
    const { pk: _pk, sk: _sk, gsi2pk: _a, gsi2sk: _b, entity: _e, ...run } = res.Item;
    return run as RunRecord;
  }
}

function addFacts(facts: ExtractionFacts, names: Record<string, string>, values: Record<string, unknown>, sets: string[]) {
  names['#title'] = 'title';
  names['#pages'] = 'pages';
  names['#language'] = 'language';
  names['#ev'] = 'extractorVersion';
  values[':title'] = facts.title;
  values[':pages'] = facts.pages;
  values[':language'] = facts.language;
  values[':ev'] = facts.extractorVersion;
  sets.push('#title = :title', '#pages = :pages', '#language = :language', '#ev = :ev');
  if (facts.failedPages !== undefined) {
    names['#fp'] = 'failedPages';
    values[':fp'] = facts.failedPages;
    sets.push('#fp = :fp');
  }
  // Document facts added with OCR: written when extraction reports them, so older writers' items stay as they were.
  for (const [name, value] of [['symbol', facts.symbol], ['date', facts.date], ['ocr', facts.ocr]] as const) {
    if (value === undefined) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
}

function prefixed(obj: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [`:${k}`, v]));
}

function toDocument(item: Record<string, unknown>): DocumentRecord {
  return {
    documentId: item.documentId as string,
    sha256: item.sha256 as string,
    key: item.key as string,
    keys: (item.keys as string[]) ?? [],
    bucket: item.bucket as string,
    process: (item.process as string | null) ?? undefined,
    type: (item.type as DocumentRecord['type'] | null) ?? undefined,
    meetingDate: (item.meetingDate as string | null) ?? undefined,
    title: (item.title as string | null) ?? null,
    ...(item.symbol !== undefined ? { symbol: (item.symbol as string | null) ?? null } : {}),
    ...(item.date !== undefined ? { date: (item.date as string | null) ?? null } : {}),
    ...(item.ocr ? { ocr: item.ocr as DocumentRecord['ocr'] } : {}),
    ...(item.ocrJob ? { ocrJob: item.ocrJob as OcrJob } : {}),
    pages: (item.pages as number | null) ?? null,
    language: (item.language as DocumentRecord['language']) ?? null,
    byteLength: (item.byteLength as number | null) ?? null,
    status: item.status as DocumentStatus,
    reason: (item.reason as string | null) ?? null,
    extractorVersion: (item.extractorVersion as string | null) ?? null,
    currentVersion: (item.currentVersion as string | null) ?? null,
    elements: (item.elements as ElementSummary[]) ?? [],
    paragraphCount: (item.paragraphCount as number) ?? 0,
    ...(Array.isArray(item.failedPages) && item.failedPages.length > 0 ? { failedPages: item.failedPages as number[] } : {}),
    ...(item.switchPending ? { switchPending: true } : {}),
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

function toParagraph(item: Record<string, unknown>): StoredParagraph {
  return {
    index: item.index as number,
    number: (item.number as string | null) ?? null,
    page: item.page as number,
    pageEnd: (item.pageEnd as number) ?? (item.page as number),
    kind: item.kind as StoredParagraph['kind'],
    text: item.text as string,
    ...(item.source === 'ocr' ? { source: 'ocr' as const, confidence: item.confidence as number } : {}),
    tags: (item.tags as StoredTag[]) ?? [],
  };
}

function toRanked(item: Record<string, unknown>): RankedDocument {
  return {
    documentId: item.documentId as string,
    title: (item.title as string | null) ?? null,
    key: item.key as string,
    process: (item.process as string | undefined) ?? undefined,
    type: (item.type as RankedDocument['type']) ?? undefined,
    meetingDate: (item.meetingDate as string | undefined) ?? undefined,
    score: item.score as number,
    paragraphCount: item.paragraphCount as number,
    version: item.version as string,
    evidence: (item.evidence as RankedDocument['evidence']) ?? [],
  };
}
