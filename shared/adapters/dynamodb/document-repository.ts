/**
 * DynamoDB implementation of DocumentRepository on the single table described in keys.ts (layout 2).
 * No transactions (dynalite lacks them): multi-item writes are idempotent batches, and the only
 * point of decision is a conditional update on the single document item.
 *
 * Per document: the document item (small: metadata, status, current version, element scores), one
 * item per stored version (summary and every paragraph's tags, compressed), and one ranking entry per
 * element and theme the current version addresses. Paragraph text is not stored here: it is served
 * from the S3 extraction cache of the version's extractor, which ingestion writes before any version.
 */
import { QueryCommand as RawQueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import type {
  CoverageRow,
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
  type ElementScore,
  type ElementSummary,
  type EvidenceParagraph,
  type OcrJob,
  type Page,
  type RankedDocument,
  type RunRecord,
  type StoredVersion,
  type UploadMetadata,
} from '../../app/types';
import { BATCH_WRITE_LIMIT, batchGetAll, batchWriteAll, chunk, type RetryOptions, type WriteRequest } from './batch';
import { asStartKey, CursorCodec, InvalidCursorError } from './cursor';
import { decodeElementScores, encodeElementScores } from './element-scores';
import {
  COVERAGE_PARTITIONS,
  GSI_LISTS,
  GSI_RANKING,
  documentIdOf,
  gsi,
  keys,
  parseDocumentSortKey,
  rankingPartition,
  rankingRange,
  type IndexTarget,
} from './keys';
import { isConditionFailure, queryAll, QueryFilter, queryFilteredPage, sendConditional, stripUndefined } from './operations';
import { decodeVersionBody, encodeVersionBody, joinBody, MAX_BODY_BYTES_PER_ITEM, splitBody } from './version-codec';

export interface RepositoryOptions {
  client: DynamoDBDocumentClient;
  table: string;
  /** Secret used to sign pagination cursors. */
  cursorSecret: string;
  /** How long a superseded version stays readable for comparison (default 14 days). */
  retentionMs?: number;
  retry?: RetryOptions;
  now?: () => Date;
  /** Bytes of compressed tags per item before a version is split (tests lower it). */
  maxBodyBytesPerItem?: number;
}

const DAY_MS = 86_400_000;
/** Document attribute: versions a switch superseded whose clean-up (ranking entries, expiry) is not done. */
const CLEANUP = 'supersededPending';
const MAX_FILTER_ROUNDS = 20;
/** Rounds of "query the index, drop entries of versions that are not current" per ranking page. */
const MAX_VERIFY_ROUNDS = 5;
/** Batch writes of several documents' versions sent at once (writeVersions). */
const WRITE_BATCHES_IN_FLIGHT = 4;

export class DynamoDocumentRepository implements DocumentRepository {
  private readonly db: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly cursors: CursorCodec;
  private readonly retentionMs: number;
  private readonly now: () => Date;
  private readonly maxBodyBytes: number;

  constructor(private readonly opts: RepositoryOptions) {
    this.db = opts.client;
    this.table = opts.table;
    this.cursors = new CursorCodec(opts.cursorSecret);
    this.retentionMs = opts.retentionMs ?? 14 * DAY_MS;
    this.now = opts.now ?? (() => new Date());
    this.maxBodyBytes = opts.maxBodyBytesPerItem ?? MAX_BODY_BYTES_PER_ITEM;
  }

  async registerDocument(doc: NewDocument): Promise<DocumentRecord> {
    const at = this.now().toISOString();
    const item = stripUndefined({
      ...keys.document(doc.documentId),
      ...gsi.status('received', at, doc.documentId),
      entity: 'document',
      documentId: doc.documentId,
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
      paragraphCount: 0,
      createdAt: at,
      updatedAt: at,
    });
    const created = await sendConditional(
      this.db,
      new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    if (!created) {
      // Same bytes seen before (redelivery, or another key): record the key once, fill metadata gaps.
      // The change moves the document to the front of its status list (as every change does), so
      // a coverage matrix kept since (coverageStamp) sees that metadata may have been filled in.
      const names: Record<string, string> = { '#keys': 'keys', '#updatedAt': 'updatedAt', '#g2sk': 'gsi2sk' };
      const values: Record<string, unknown> = { ':k': [doc.key], ':key': doc.key, ':at': at, ':g2sk': `${at}#${doc.documentId}` };
      const sets = ['#keys = list_append(#keys, :k)', '#updatedAt = :at', '#g2sk = :g2sk'];
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
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...keys.objectKey(doc.key), entity: 'object-key', documentId: doc.documentId, at } }),
    );
    // A new document is exactly what was just put; a known one is read back with what it had.
    if (created) return toDocument(item);
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

  async getDocuments(documentIds: readonly string[]): Promise<Map<string, DocumentRecord>> {
    const unique = [...new Set(documentIds)];
    const found = await batchGetAll(this.db, this.table, unique.map((id) => keys.document(id)), { ...this.opts.retry, consistent: true });
    return new Map(found.map((i) => [documentIdOf(i.pk as string), toDocument(i)]));
  }

  /** The items of one version: continuation parts (only past MAX_BODY_BYTES_PER_ITEM), then the head and its ranking entries. */
  private versionRequests(write: VersionWrite): { continuation: WriteRequest[]; withHead: WriteRequest[] } {
    const parts = splitBody(encodeVersionBody(write.elements, write.tags), this.maxBodyBytes);
    const writtenAt = this.now().toISOString();
    const head = {
      ...keys.version(write.documentId, write.version),
      entity: 'version',
      version: write.version,
      extractorVersion: write.extractorVersion,
      paragraphCount: write.paragraphCount,
      parts: parts.length,
      body: parts[0],
      writtenAt,
    };
    const continuation = parts.slice(1).map((body, i) => ({
      PutRequest: { Item: { ...keys.versionPart(write.documentId, write.version, i + 1), entity: 'version-part', version: write.version, body } },
    }));
    const entries = write.index.map((e) => ({ PutRequest: { Item: rankingEntryItem(write.documentId, write.version, e, write.metadata) } }));
    return { continuation, withHead: [{ PutRequest: { Item: head } }, ...entries] };
  }

  async writeVersion(write: VersionWrite): Promise<void> {
    const { continuation, withHead } = this.versionRequests(write);
    // Continuation parts first: a reader starts from the head item, which counts them. Entries go
    // with the head: nobody shows them until the switch makes this version current.
    if (continuation.length) await batchWriteAll(this.db, this.table, continuation, this.opts.retry);
    await batchWriteAll(this.db, this.table, withHead, this.opts.retry);
  }

  async writeVersions(writes: readonly VersionWrite[]): Promise<Map<string, Error>> {
    const failures = new Map<string, Error>();
    const shared: Array<{ documentId: string; request: WriteRequest }> = [];
    // Continuation parts (rare: thousands of paragraphs) first, each document on its own.
    await Promise.all(
      writes.map(async (w) => {
        const { continuation, withHead } = this.versionRequests(w);
        try {
          if (continuation.length) await batchWriteAll(this.db, this.table, continuation, this.opts.retry);
          shared.push(...withHead.map((request) => ({ documentId: w.documentId, request })));
        } catch (err) {
          failures.set(w.documentId, err as Error);
        }
      }),
    );
    // Heads and ranking entries of all documents fill batches of 25, a few batches at once. A batch
    // that cannot be written (after its unprocessed items were retried) is not held against the
    // other documents in it: each of its documents is then written on its own, and only a document
    // that fails alone is failed.
    const groups = chunk(shared, BATCH_WRITE_LIMIT);
    const suspects = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        const group = groups[next++];
        try {
          await batchWriteAll(this.db, this.table, group.map((g) => g.request), this.opts.retry);
        } catch {
          for (const g of group) suspects.add(g.documentId);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_BATCHES_IN_FLIGHT, groups.length) }, worker));
    await Promise.all(
      [...suspects].map(async (documentId) => {
        try {
          await batchWriteAll(this.db, this.table, shared.filter((g) => g.documentId === documentId).map((g) => g.request), this.opts.retry);
        } catch (err) {
          failures.set(documentId, err as Error);
        }
      }),
    );
    return failures;
  }

  async switchVersion(args: VersionSwitch): Promise<boolean> {
    const at = this.now().toISOString();
    const names: Record<string, string> = {
      '#cv': 'currentVersion',
      '#status': 'status',
      '#reason': 'reason',
      '#scores': 'elementScores',
      '#pc': 'paragraphCount',
      '#updatedAt': 'updatedAt',
      '#g1pk': 'gsi1pk',
      '#g1sk': 'gsi1sk',
      '#g2pk': 'gsi2pk',
      '#g2sk': 'gsi2sk',
    };
    const values: Record<string, unknown> = {
      ':v': args.version,
      ':status': 'tagged',
      ':null': null,
      ':scores': encodeElementScores(args.elements),
      ':pc': args.paragraphCount,
      ':at': at,
      ...prefixed(gsi.status('tagged', at, args.documentId)),
      ...prefixed(gsi.coverage(args.documentId)),
    };
    const sets = [
      '#cv = :v',
      '#status = :status',
      '#reason = :null',
      '#scores = :scores',
      '#pc = :pc',
      '#updatedAt = :at',
      '#g1pk = :gsi1pk',
      '#g1sk = :gsi1sk',
      '#g2pk = :gsi2pk',
      '#g2sk = :gsi2sk',
    ];
    const adds: string[] = [];
    addFacts(args.facts, names, values, sets);
    const replaced = args.expectedCurrent !== null && args.expectedCurrent !== args.version ? args.expectedCurrent : null;
    if (replaced) {
      // What is left to clean up after the switch; a delivery that dies before it is done leaves
      // the version here, and the next switch or redelivery finishes it.
      names['#cleanup'] = CLEANUP;
      values[':replaced'] = new Set([replaced]);
      adds.push('#cleanup :replaced');
    }
    let condition: string;
    if (args.expectedCurrent === null) {
      condition = 'attribute_exists(pk) AND (attribute_not_exists(#cv) OR #cv = :null)';
    } else {
      condition = 'attribute_exists(pk) AND #cv = :expected';
      values[':expected'] = args.expectedCurrent;
    }
    let before: Record<string, unknown>;
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.document(args.documentId),
          UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      );
      before = res.Attributes ?? {};
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
    // If anything below fails, the versions stay listed for clean-up and the next delivery redoes it.
    await this.cleanUp(args.documentId, args.version, before, at);
    return true;
  }

  /**
   * After a switch to `version`: the ranking entries of the versions it superseded are deleted and
   * those versions marked for expiry, then struck off the document's clean-up list. Only versions on
   * that list are touched (never "whatever else is stored"), so a slow writer finishing an older
   * switch cannot remove the entries of a newer current version. The version that was current just
   * before is the usual one, and its entries are known from the document item as it was (its
   * element scores); versions left over by an interrupted clean-up are found with a query.
   */
  private async cleanUp(documentId: string, version: string, before: Record<string, unknown>, switchedAt: string): Promise<void> {
    const previous = (before.currentVersion as string | null | undefined) ?? null;
    const leftOver = [...((before[CLEANUP] as Set<string> | undefined) ?? [])].filter((v) => v !== version && v !== previous);
    const versions = [...(previous && previous !== version ? [previous] : []), ...leftOver];
    if (versions.length === 0) return;
    const pk = keys.document(documentId).pk;
    const deletes: WriteRequest[] = [];
    if (previous && previous !== version) {
      for (const target of rankingTargets(decodeElementScores(before.elementScores))) {
        deletes.push({ DeleteRequest: { Key: keys.rankingEntry(documentId, previous, target) } });
      }
    }
    if (leftOver.length) {
      const stored = await queryAll(this.db, {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': pk, ':v': keys.versionsPrefix },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
      });
      for (const item of stored) {
        const { kind, version: of } = parseDocumentSortKey(item.sk as string);
        if (kind === 'ranking' && of !== undefined && leftOver.includes(of)) deletes.push({ DeleteRequest: { Key: { pk, sk: item.sk } } });
      }
    }
    // Independent writes (other items), so they go at once; the list is struck off only after both.
    const expiresAt = new Date(this.now().getTime() + this.retentionMs);
    await Promise.all([
      batchWriteAll(this.db, this.table, deletes, this.opts.retry),
      ...versions.map((v) => this.markExpiry(documentId, v, expiresAt, switchedAt)),
    ]);
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.document(documentId),
        UpdateExpression: 'DELETE #cleanup :done',
        ExpressionAttributeNames: { '#cleanup': CLEANUP },
        ExpressionAttributeValues: { ':done': new Set(versions) },
      }),
    );
  }

  /**
   * Superseded: `expiresAt` for AWS TTL on the version's items, and on the head item a place in the
   * EXPIRING list for emulators without TTL. A version written again after the switch (made current
   * once more) is left alone.
   */
  private async markExpiry(documentId: string, version: string, expiresAt: Date, switchedAt: string): Promise<void> {
    const ttl = Math.floor(expiresAt.getTime() / 1000);
    let head: Record<string, unknown> | undefined;
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.version(documentId, version),
          UpdateExpression: 'SET #x = :x, #g2pk = :gsi2pk, #g2sk = :gsi2sk',
          ConditionExpression: 'attribute_exists(pk) AND #w <= :at',
          ExpressionAttributeNames: { '#x': 'expiresAt', '#g2pk': 'gsi2pk', '#g2sk': 'gsi2sk', '#w': 'writtenAt' },
          ExpressionAttributeValues: { ':x': ttl, ':at': switchedAt, ...prefixed(gsi.expiring(expiresAt.toISOString(), documentId, version)) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      head = res.Attributes;
    } catch (err) {
      if (isConditionFailure(err)) return;
      throw err;
    }
    for (let part = 1; part < Number(head?.parts ?? 1); part++) {
      await sendConditional(
        this.db,
        new UpdateCommand({
          TableName: this.table,
          Key: keys.versionPart(documentId, version, part),
          UpdateExpression: 'SET #x = :x',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#x': 'expiresAt' },
          ExpressionAttributeValues: { ':x': ttl },
        }),
      );
    }
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
      const documentId = documentIdOf(m.pk as string);
      const { version } = parseDocumentSortKey(m.sk as string);
      if (!version) continue;
      const doc = await this.getDocument(documentId);
      if (doc?.currentVersion === version) continue; // became current again
      const items = await queryAll(this.db, {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': m.pk, ':v': `${keys.version(documentId, version).sk}#` },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
      });
      await batchWriteAll(
        this.db,
        this.table,
        [...items, keys.version(documentId, version)].map((Key) => ({ DeleteRequest: { Key: { pk: Key.pk, sk: Key.sk } } })),
        this.opts.retry,
      );
      purged++;
    }
    return purged;
  }

  async getVersion(documentId: string, version: string): Promise<StoredVersion | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.version(documentId, version), ConsistentRead: true }));
    const head = res.Item;
    if (!head) return undefined;
    const count = Number(head.parts ?? 1);
    const bodies: Uint8Array[] = [head.body as Uint8Array];
    if (count > 1) {
      const parts = await queryAll(this.db, {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': head.pk, ':p': keys.versionPartPrefix(version) },
        ConsistentRead: true,
      });
      const byKey = new Map(parts.map((p) => [p.sk as string, p.body as Uint8Array]));
      for (let i = 1; i < count; i++) {
        const part = byKey.get(keys.versionPart(documentId, version, i).sk);
        if (!part) throw new Error(`version ${version} of ${documentId} is missing part ${i} of ${count - 1}`);
        bodies.push(part);
      }
    }
    const body = decodeVersionBody(count > 1 ? joinBody(bodies) : bodies[0]);
    return {
      version,
      extractorVersion: head.extractorVersion as string,
      paragraphCount: Number(head.paragraphCount ?? 0),
      elements: body.elements,
      tags: body.tags,
      writtenAt: head.writtenAt as string,
    };
  }

  async getVersionSummary(documentId: string, version: string): Promise<{ elements: ElementSummary[]; paragraphCount: number } | undefined> {
    const v = await this.getVersion(documentId, version);
    return v ? { elements: v.elements, paragraphCount: v.paragraphCount } : undefined;
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
    const listed: Array<{ key: Record<string, unknown>; status: DocumentStatus }> = [];
    let s = position.s;
    let startKey = position.k;
    while (s < statuses.length && listed.length < limit) {
      const res = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: GSI_LISTS,
          KeyConditionExpression: 'gsi2pk = :p',
          ExpressionAttributeValues: { ':p': `STATUS#${statuses[s]}` },
          ScanIndexForward: false,
          Limit: limit - listed.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const i of res.Items ?? []) listed.push({ key: { pk: i.pk, sk: i.sk }, status: statuses[s] });
      if (res.LastEvaluatedKey) {
        startKey = res.LastEvaluatedKey as Record<string, string>;
      } else {
        s++;
        startKey = undefined;
      }
    }
    // The index holds keys only: the documents come from the table, in the index's order. One that
    // changed status since the index was read is left to the partition it is in now.
    const found = new Map(
      (await batchGetAll(this.db, this.table, listed.map((l) => l.key), this.opts.retry)).map((i) => [i.pk as string, toDocument(i)]),
    );
    const items = listed.flatMap((l) => {
      const doc = found.get(l.key.pk as string);
      return doc && doc.status === l.status ? [doc] : [];
    });
    const more = s < statuses.length;
    return { items, nextCursor: more ? this.cursors.encode(scope, { s, k: startKey }) : undefined };
  }

  rankByElement(element: ElementId, q: RankingQuery): Promise<Page<RankedDocument>> {
    return this.rank({ kind: 'element', id: element }, q);
  }

  rankByTheme(theme: ThemeId, q: RankingQuery): Promise<Page<RankedDocument>> {
    return this.rank({ kind: 'theme', id: theme }, q);
  }

  /**
   * One page of a ranking: entries from the index, best first, each checked against its document's
   * current version (a batch read of the document items, which also supplies title and key). An
   * entry of any other version (a switch in progress, a late writer) is skipped, so a ranking only
   * ever shows complete, current versions.
   */
  private async rank(target: IndexTarget, q: RankingQuery): Promise<Page<RankedDocument>> {
    const partition = rankingPartition(target);
    const scope = JSON.stringify([partition, q.minScore ?? 0, q.process ?? '', q.type ?? '', q.dateFrom ?? '', q.dateTo ?? '']);
    let startKey = q.cursor ? asStartKey(this.cursors.decode(q.cursor, scope), ['pk', 'sk', 'gsi1pk', 'gsi1sk']) : undefined;
    const range = rankingRange(q.minScore);
    const filter = new QueryFilter();
    if (q.process) filter.where('#process = :process', { '#process': 'process' }, { ':process': q.process });
    if (q.type) filter.where('#type = :type', { '#type': 'type' }, { ':type': q.type });
    if (q.dateFrom) filter.where('#md >= :dateFrom', { '#md': 'meetingDate' }, { ':dateFrom': q.dateFrom });
    if (q.dateTo) filter.where('#md <= :dateTo', { '#md': 'meetingDate' }, { ':dateTo': q.dateTo });
    const items: RankedDocument[] = [];
    for (let round = 0; round < MAX_VERIFY_ROUNDS && items.length < q.limit; round++) {
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
        { limit: q.limit - items.length, startKey, maxRounds: MAX_FILTER_ROUNDS },
      );
      const docs = await this.currentOf(page.items.map((i) => i.pk as string));
      for (const entry of page.items) {
        const doc = docs.get(entry.pk as string);
        if (doc && doc.currentVersion === entry.version) items.push(toRanked(entry, doc));
      }
      startKey = page.lastKey;
      if (!startKey) break;
    }
    return { items, nextCursor: startKey ? this.cursors.encode(scope, startKey) : undefined };
  }

  /** Current version, title and key of the documents behind some ranking entries. */
  private async currentOf(pks: string[]): Promise<Map<string, { currentVersion: string | null; title: string | null; key: string }>> {
    const unique = [...new Set(pks)];
    if (unique.length === 0) return new Map();
    const found = new Map<string, { currentVersion: string | null; title: string | null; key: string }>();
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] = unique.slice(i, i + 100).map((pk) => ({ pk, sk: 'META' }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`${pending.length} document items still unread after retries`);
        const res = await this.db.send(
          new BatchGetCommand({
            RequestItems: {
              [this.table]: { Keys: pending, ProjectionExpression: 'pk, currentVersion, title, #key', ExpressionAttributeNames: { '#key': 'key' } },
            },
          }),
        );
        for (const item of res.Responses?.[this.table] ?? []) {
          found.set(item.pk as string, { currentVersion: (item.currentVersion as string | null) ?? null, title: (item.title as string | null) ?? null, key: item.key as string });
        }
        pending = (res.UnprocessedKeys?.[this.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        if (pending.length) await new Promise((r) => setTimeout(r, Math.min(2000, 25 * 2 ** attempt)));
      }
    }
    return found;
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

  async listCoverage(): Promise<CoverageRow[]> {
    // Each row is the document item's small projection; only what the matrix shows is asked for.
    // The 16 partitions are read at once; concatenated in partition order they are in id order.
    // The rows are read as DynamoDB returns them (typed attribute values): six strings per row need
    // no general conversion, and at thousands of rows that conversion was a third of the time.
    const partitions = await Promise.all(
      COVERAGE_PARTITIONS.map(async (p) => {
        const rows: CoverageRow[] = [];
        let startKey: Record<string, AttributeValue> | undefined;
        do {
          const res = await this.db.send(
            new RawQueryCommand({
              TableName: this.table,
              IndexName: GSI_RANKING,
              KeyConditionExpression: 'gsi1pk = :p',
              ExpressionAttributeValues: { ':p': { S: p } },
              ExpressionAttributeNames: { '#key': 'key', '#type': 'type' },
              ProjectionExpression: 'pk, title, #key, process, #type, meetingDate, elementScores',
              ExclusiveStartKey: startKey,
            }),
          );
          for (const i of res.Items ?? []) rows.push(coverageRow(i));
          startKey = res.LastEvaluatedKey;
        } while (startKey);
        return rows;
      }),
    );
    return partitions.flat();
  }

  async coverageStamp(): Promise<{ stamp: string; changedAt: string | null }> {
    // Every change to a coverage row is a switch, which puts the document first in the `tagged`
    // list (its sort key is `<updatedAt>#<id>`), or a key added to a known document, which also
    // moves it to the front of its list: the newest entry of the tagged list names the last change.
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI_LISTS,
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': 'STATUS#tagged' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const newest = res.Items?.[0]?.gsi2sk as string | undefined;
    return { stamp: newest ?? '', changedAt: newest ? newest.slice(0, newest.indexOf('#')) : null };
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

/**
 * A ranking entry: the keys that place it in its element's or theme's list, and only what the ranked
 * list shows or filters on. Title and key are read from the document item when the list is served.
 */
function rankingEntryItem(documentId: string, version: string, e: IndexEntry, metadata: UploadMetadata): Record<string, unknown> {
  return stripUndefined({
    ...keys.rankingEntry(documentId, version, e.target),
    ...gsi.ranking(e.target, e.score, documentId),
    version,
    score: e.score,
    paragraphCount: e.paragraphCount,
    evidence: encodeEvidence(e.evidence),
    process: metadata.process,
    type: metadata.type,
    meetingDate: metadata.meetingDate,
  });
}

/** The lists a version's ranking entries are in: each addressed element, and the theme of each. */
function rankingTargets(scores: readonly ElementScore[]): IndexTarget[] {
  const addressed = scores.filter((s) => s.addresses);
  return [
    ...addressed.map((s): IndexTarget => ({ kind: 'element', id: s.element })),
    ...[...new Set(addressed.map((s) => s.theme))].map((id): IndexTarget => ({ kind: 'theme', id })),
  ];
}

/** Evidence as one compact JSON string: [index, number, page, snippet, matchedTerms, score, highlights?] per paragraph. */
function encodeEvidence(evidence: EvidenceParagraph[]): string {
  return JSON.stringify(evidence.map((e) => [e.index, e.number, e.page, e.snippet, e.matchedTerms, e.score, ...(e.highlights ? [e.highlights] : [])]));
}

function decodeEvidence(text: unknown): EvidenceParagraph[] {
  if (typeof text !== 'string') return [];
  type Encoded = [number, string | null, number, string, string[], number, Array<[number, number]>?];
  return (JSON.parse(text) as Encoded[]).map(([index, number, page, snippet, matchedTerms, score, highlights]) => ({
    index,
    number,
    page,
    snippet,
    matchedTerms,
    score,
    ...(highlights ? { highlights } : {}),
  }));
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

export function toDocument(item: Record<string, unknown>): DocumentRecord {
  const documentId = (item.documentId as string | undefined) ?? documentIdOf(item.pk as string);
  return {
    documentId,
    sha256: documentId,
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
    elements: decodeElementScores(item.elementScores),
    paragraphCount: (item.paragraphCount as number) ?? 0,
    ...(Array.isArray(item.failedPages) && item.failedPages.length > 0 ? { failedPages: item.failedPages as number[] } : {}),
    ...((item[CLEANUP] as Set<string> | undefined)?.size ? { switchPending: true } : {}),
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

/** A coverage row from the attribute values of the index (strings, or NULL for a document without that field). */
function coverageRow(i: Record<string, AttributeValue>): CoverageRow {
  const str = (a: AttributeValue | undefined) => (a && 'S' in a ? a.S : undefined);
  const type = str(i.type);
  return {
    documentId: documentIdOf(str(i.pk)!),
    title: str(i.title) ?? null,
    key: str(i.key)!,
    process: str(i.process),
    type: type as CoverageRow['type'],
    meetingDate: str(i.meetingDate),
    elements: decodeElementScores(str(i.elementScores)),
  };
}

function toRanked(item: Record<string, unknown>, doc: { title: string | null; key: string }): RankedDocument {
  return {
    documentId: documentIdOf(item.pk as string),
    title: doc.title,
    key: doc.key,
    process: (item.process as string | undefined) ?? undefined,
    type: (item.type as RankedDocument['type']) ?? undefined,
    meetingDate: (item.meetingDate as string | undefined) ?? undefined,
    score: item.score as number,
    paragraphCount: item.paragraphCount as number,
    version: item.version as string,
    evidence: decodeEvidence(item.evidence),
  };
}
