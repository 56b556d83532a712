import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDocumentRepository } from '../../../shared/adapters/dynamodb/document-repository';
import { batchWriteAll } from '../../../shared/adapters/dynamodb/batch';
import { InvalidCursorError } from '../../../shared/adapters/dynamodb/cursor';
import { buildIndexEntries } from '../../../shared/app/evidence';
import { paragraphTags } from '../../../shared/app/publish';
import type { ElementSummary, StoredParagraph } from '../../../shared/app/types';
import { startLocalServices, type LocalServices } from '../../helpers/local-services';
import { createDynamoClients } from '../../../shared/adapters/dynamodb/client';
import { CoverageCache } from '../../../shared/app/coverage-cache';

let svc: LocalServices;
let repo: DynamoDocumentRepository;
let clock = new Date('2026-01-01T00:00:00Z');

beforeAll(async () => {
  svc = await startLocalServices();
  repo = new DynamoDocumentRepository({
    client: svc.dynamo.doc,
    table: svc.table,
    cursorSecret: 'test-secret',
    retentionMs: 60_000,
    now: () => clock,
  });
});
afterAll(() => svc?.stop());

async function partition(documentId: string): Promise<Record<string, unknown>[]> {
  const res = await svc.dynamo.doc.send(
    new QueryCommand({ TableName: svc.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `DOC#${documentId}` }, ConsistentRead: true }),
  );
  return res.Items ?? [];
}

const sha = (n: number) => n.toString(16).padStart(64, '0');
/** Ids in other coverage index partitions than the `0…` ones of sha(n). */
const spread = ['f', '8', 'a'].map((d, i) => `${d}${sha(100 + i).slice(1)}`);
const fresh = `c${sha(200).slice(1)}`;

function paragraphs(count: number, element: 'k' | 'c' = 'k'): StoredParagraph[] {
  return Array.from({ length: count }, (_, i) => ({
    index: i,
    number: String(i + 1),
    page: 1 + Math.floor(i / 10),
    pageEnd: 1 + Math.floor(i / 10),
    kind: 'operative' as const,
    text: `Paragraph ${i} about trafficking in persons and smuggling.`,
    tags: i % 2 === 0 ? [{ element, theme: element === 'k' ? 3 : 1, score: 0.5 + i / 1000, matchedTerms: ['trafficking'], tfidfTerms: [] }] : [],
  })) as StoredParagraph[];
}

function summary(element: 'k' | 'c', score: number, evidence: number[]): ElementSummary {
  return { element, theme: element === 'k' ? 3 : 1, paragraphCount: evidence.length, bestScore: score, score, addresses: true, evidence };
}

const facts = { title: 'T', pages: 3, language: 'en' as const, extractorVersion: 'x1' };

async function tagDocument(id: string, version: string, expected: string | null, score: number, count = 30, element: 'k' | 'c' = 'k', r = repo) {
  const ps = paragraphs(count, element);
  const elements = [summary(element, score, [0, 2, 4])];
  const metadata = (await r.getDocument(id)) ?? {};
  const index = buildIndexEntries(elements, ps);
  await r.writeVersion({ documentId: id, version, extractorVersion: 'x1', paragraphCount: ps.length, elements, tags: paragraphTags(ps), index, metadata });
  return r.switchVersion({ documentId: id, version, expectedCurrent: expected, elements, paragraphCount: ps.length, facts });
}

describe('DynamoDocumentRepository', () => {
  it('keeps a version as one item: its summary and the tags of every tagged paragraph, with their text keys', async () => {
    await repo.registerDocument({ documentId: sha(1), sha256: sha(1), bucket: 'b', key: 'uploads/a.pdf', byteLength: 10 });
    expect(await tagDocument(sha(1), 'c1', null, 0.8, 60)).toBe(true);
    const stored = await repo.getVersion(sha(1), 'c1');
    expect(stored).toMatchObject({ version: 'c1', extractorVersion: 'x1', paragraphCount: 60 });
    expect(stored!.tags.map((t) => t.index)).toEqual([...Array(30).keys()].map((i) => i * 2));
    expect(stored!.tags[1]).toEqual({ index: 2, textKey: paragraphTags(paragraphs(60))[1].textKey, tags: paragraphs(60)[2].tags });
    expect(stored!.elements).toEqual([summary('k', 0.8, [0, 2, 4])]);
    const items = await partition(sha(1));
    expect(items.filter((i) => (i.sk as string).startsWith('V#c1')).map((i) => i.sk).sort()).toEqual(['V#c1', 'V#c1#R#E#k', 'V#c1#R#T#3']);
    const doc = await repo.getDocument(sha(1));
    expect(doc).toMatchObject({ status: 'tagged', currentVersion: 'c1', paragraphCount: 60, title: 'T' });
    expect(doc?.elements).toEqual([{ element: 'k', theme: 3, paragraphCount: 3, score: 0.8, addresses: true }]);
  });

  it('splits a version whose tags do not fit in one item into parts, and reads it back whole', async () => {
    const small = new DynamoDocumentRepository({ client: svc.dynamo.doc, table: svc.table, cursorSecret: 'test-secret', maxBodyBytesPerItem: 200, now: () => clock });
    await small.registerDocument({ documentId: sha(20), sha256: sha(20), bucket: 'b', key: 'uploads/long.pdf', byteLength: 10 });
    expect(await tagDocument(sha(20), 'c1', null, 0.05, 400, 'k', small)).toBe(true);
    const parts = (await partition(sha(20))).filter((i) => (i.sk as string).startsWith('V#c1#PART#'));
    expect(parts.length).toBeGreaterThan(2);
    const back = await small.getVersion(sha(20), 'c1');
    expect(back?.tags).toEqual(paragraphTags(paragraphs(400)));
    // A version is visible to readers only through its head item, which is written after its parts.
    expect((await partition(sha(20))).find((i) => i.sk === 'V#c1')?.parts).toBe(parts.length + 1);
  });

  it('batchWriteAll splits into calls of at most 25 items', async () => {
    const items = Array.from({ length: 61 }, (_, i) => ({ PutRequest: { Item: { pk: 'BATCH', sk: `I#${i}` } } }));
    const { calls } = await batchWriteAll(svc.dynamo.doc, svc.table, items);
    expect(calls).toBe(3);
    const res = await svc.dynamo.doc.send(new QueryCommand({ TableName: svc.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'BATCH' } }));
    expect(res.Count).toBe(61);
  });

  it('records a second key for the same bytes once, without a second document', async () => {
    await repo.registerDocument({ documentId: sha(1), sha256: sha(1), bucket: 'b', key: 'uploads/copy of a.pdf', byteLength: 10, process: 'Bali Process' });
    await repo.registerDocument({ documentId: sha(1), sha256: sha(1), bucket: 'b', key: 'uploads/copy of a.pdf', byteLength: 10 });
    const doc = await repo.getDocument(sha(1));
    expect(doc?.keys).toEqual(['uploads/a.pdf', 'uploads/copy of a.pdf']);
    expect(doc?.key).toBe('uploads/a.pdf');
    expect(doc?.process).toBe('Bali Process');
    expect(await repo.documentIdForKey('uploads/copy of a.pdf')).toBe(sha(1));
  });

  it('ranks documents by element score, best first, with signed cursors', async () => {
    for (const [n, score] of [[2, 0.3], [3, 0.9], [4, 0.6]] as const) {
      await repo.registerDocument({ documentId: sha(n), sha256: sha(n), bucket: 'b', key: `uploads/${n}.pdf`, byteLength: 1, process: n === 3 ? 'Bali Process' : 'Rabat Process' });
      await tagDocument(sha(n), 'c1', null, score, 4);
    }
    const first = await repo.rankByElement('k', { limit: 2 });
    expect(first.items.map((d) => d.score)).toEqual([0.9, 0.8]);
    expect(first.items[0].evidence[0]).toMatchObject({ index: 0, page: 1, matchedTerms: ['trafficking'] });
    expect(first.nextCursor).toBeTruthy();
    const second = await repo.rankByElement('k', { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((d) => d.score)).toEqual([0.6, 0.3]);

    const filtered = await repo.rankByElement('k', { limit: 10, minScore: 0.5, process: 'Rabat Process' });
    expect(filtered.items.map((d) => d.documentId)).toEqual([sha(4)]);
    const theme = await repo.rankByTheme(3, { limit: 10 });
    expect(theme.items).toHaveLength(5);
    expect(first.items.map((d) => [d.title, d.key])).toEqual([['T', 'uploads/3.pdf'], ['T', 'uploads/a.pdf']]);
    expect(await repo.countByElement('k')).toBe(5);
    expect(await repo.countByElement('a')).toBe(0);

    // A cursor from another query, or altered, is rejected.
    await expect(repo.rankByElement('c', { limit: 2, cursor: first.nextCursor })).rejects.toBeInstanceOf(InvalidCursorError);
    const tampered = first.nextCursor!.replace(/^./, (ch) => (ch === 'e' ? 'f' : 'e'));
    await expect(repo.rankByElement('k', { limit: 2, cursor: tampered })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('switches versions conditionally, moves the index, and purges the old version after retention', async () => {
    // A writer that expects the wrong current version loses.
    expect(await tagDocument(sha(4), 'c2', 'not-current', 0.1, 4, 'c')).toBe(false);
    expect(await tagDocument(sha(4), 'c2', 'c1', 0.7, 4, 'c')).toBe(true);
    const doc = await repo.getDocument(sha(4));
    expect(doc?.currentVersion).toBe('c2');
    const k = await repo.rankByElement('k', { limit: 10 });
    expect(k.items.map((d) => d.documentId)).not.toContain(sha(4));
    const c = await repo.rankByElement('c', { limit: 10 });
    expect(c.items.map((d) => [d.documentId, d.version])).toEqual([[sha(4), 'c2']]);
    // Old version still there for comparison until retention passes, marked for TTL; its ranking entries are gone.
    const items = await partition(sha(4));
    expect(items.filter((i) => (i.sk as string).startsWith('V#c1')).map((i) => i.sk)).toEqual(['V#c1']);
    expect(items.find((i) => i.sk === 'V#c1')?.expiresAt).toBe(Math.floor(clock.getTime() / 1000) + 60);
    expect(items.find((i) => i.sk === 'V#c2')?.expiresAt).toBeUndefined();
    expect((await repo.getVersion(sha(4), 'c1'))?.tags).toHaveLength(2);
    expect((await repo.getVersionSummary(sha(4), 'c1'))?.elements.map((e) => e.element)).toEqual(['k']);
    expect((await repo.getVersionSummary(sha(4), 'c2'))?.elements.map((e) => e.element)).toEqual(['c']);
    expect(await repo.purgeExpiredVersions(new Date(clock.getTime() + 1000))).toBe(0);
    expect(await repo.purgeExpiredVersions(new Date(clock.getTime() + 120_000))).toBe(1);
    expect(await repo.getVersion(sha(4), 'c1')).toBeUndefined();
    expect(await repo.getVersionSummary(sha(4), 'c1')).toBeUndefined();
    expect((await repo.getVersion(sha(4), 'c2'))?.tags).toHaveLength(2);
  });

  it('serves ranking entries of the current version only, whatever else the index holds', async () => {
    await repo.registerDocument({ documentId: sha(30), sha256: sha(30), bucket: 'b', key: 'uploads/30.pdf', byteLength: 1 });
    expect(await tagDocument(sha(30), 'c1', null, 0.95, 4, 'c')).toBe(true);
    // A writer of another version whose switch never happened (it lost the race, or died) left its entry.
    await svc.dynamo.doc.send(
      new PutCommand({
        TableName: svc.table,
        Item: { pk: `DOC#${sha(30)}`, sk: 'V#stale#R#E#c', gsi1pk: 'ELEM#c', gsi1sk: `0990000#${sha(30)}`, version: 'stale', score: 0.99, paragraphCount: 1, evidence: '[]' },
      }),
    );
    const c = await repo.rankByElement('c', { limit: 1 });
    expect(c.items.map((d) => [d.documentId, d.version, d.score])).toEqual([[sha(30), 'c1', 0.95]]);
    // The next switch removes the entries of the version it replaced, and only those: a clean-up
    // never deletes what it did not supersede (it could be a newer writer's current entries).
    expect(await tagDocument(sha(30), 'c2', 'c1', 0.9, 4, 'c')).toBe(true);
    const entries = (await partition(sha(30))).map((i) => i.sk as string).filter((sk) => sk.includes('#R#'));
    expect(entries.sort()).toEqual(['V#c2#R#E#c', 'V#c2#R#T#1', 'V#stale#R#E#c']);
    expect((await repo.rankByElement('c', { limit: 1 })).items.map((d) => [d.documentId, d.version])).toEqual([[sha(30), 'c2']]);
  });

  it('writes a version and its ranking entries in one batch, and switches with one update when nothing is superseded', async () => {
    const calls: string[] = [];
    const counting = new DynamoDocumentRepository({ client: svc.dynamo.doc, table: svc.table, cursorSecret: 'test-secret', now: () => clock });
    svc.dynamo.raw.middlewareStack.add((next, ctx) => (args) => (calls.push(ctx.commandName as string), next(args)), { step: 'initialize', name: 'countCalls' });
    try {
      await counting.registerDocument({ documentId: sha(31), sha256: sha(31), bucket: 'b', key: 'uploads/31.pdf', byteLength: 1 });
      calls.length = 0;
      expect(await tagDocument(sha(31), 'c1', null, 0.9, 4, 'k', counting)).toBe(true);
      // (tagDocument reads the document first for its metadata.)
      expect(calls).toEqual(['GetItemCommand', 'BatchWriteItemCommand', 'UpdateItemCommand']);
      calls.length = 0;
      expect(await tagDocument(sha(31), 'c2', 'c1', 0.9, 4, 'k', counting)).toBe(true);
      // A re-tag also deletes the replaced entries (one batch), marks the old version and strikes it off.
      expect(calls).toEqual(['GetItemCommand', 'BatchWriteItemCommand', 'UpdateItemCommand', 'BatchWriteItemCommand', 'UpdateItemCommand', 'UpdateItemCommand']);
    } finally {
      svc.dynamo.raw.middlewareStack.remove('countCalls');
    }
    expect((await repo.getDocument(sha(31)))?.switchPending).toBeUndefined();
  });

  it('lists the coverage matrix from one small row per document with a current version', async () => {
    for (const id of spread) {
      await repo.registerDocument({ documentId: id, sha256: id, bucket: 'b', key: `uploads/${id}.pdf`, byteLength: 1 });
      await tagDocument(id, 'c1', null, 0.5, 4);
    }
    const rows = await repo.listCoverage();
    const four = rows.find((r) => r.documentId === sha(4));
    expect(four).toEqual({ documentId: sha(4), title: 'T', key: 'uploads/4.pdf', process: 'Rabat Process', elements: [{ element: 'c', theme: 1, paragraphCount: 3, score: 0.7, addresses: true }] });
    // In id order across the 16 index partitions (ids here start with 0, so add some that do not).
    expect(rows.map((r) => r.documentId)).toEqual([sha(1), sha(2), sha(3), sha(4), sha(20), sha(30), sha(31), ...spread].sort());
    // Registered but never tagged: no row.
    await repo.registerDocument({ documentId: fresh, sha256: fresh, bucket: 'b', key: 'uploads/new.pdf', byteLength: 1 });
    expect((await repo.listCoverage()).map((r) => r.documentId)).not.toContain(fresh);
  });

  it('keeps the coverage rows while its stamp is unchanged, and reads them again after a switch or a key that fills metadata', async () => {
    const reads = { list: 0 };
    const counted = { listCoverage: () => (reads.list++, repo.listCoverage()), coverageStamp: () => repo.coverageStamp() };
    const cache = new CoverageCache(counted, { settleMs: 0 });
    const first = await cache.rows();
    expect(await cache.rows()).toBe(first);
    expect(reads.list).toBe(1);
    // A re-tag of one document: the stamp moves, the next request reads the rows again and sees it.
    clock = new Date(clock.getTime() + 1000);
    const id = spread[0];
    expect(await tagDocument(id, 'c2', 'c1', 0.93, 4, 'c')).toBe(true);
    const after = await cache.rows();
    expect(reads.list).toBe(2);
    expect(after.find((r) => r.documentId === id)?.elements).toEqual([{ element: 'c', theme: 1, paragraphCount: 3, score: 0.93, addresses: true }]);
    expect(await cache.rows()).toBe(after);
    // The same bytes under a second key, with a process the document did not have: its row changes, so does the stamp.
    clock = new Date(clock.getTime() + 1000);
    await repo.registerDocument({ documentId: id, sha256: id, bucket: 'b', key: `uploads/again-${id}.pdf`, byteLength: 1, process: 'Bali Process' });
    const refreshed = await cache.rows();
    expect(reads.list).toBe(3);
    expect(refreshed.find((r) => r.documentId === id)?.process).toBe('Bali Process');
  });

  it('lists documents by status with pagination across status partitions', async () => {
    await repo.registerDocument({ documentId: sha(9), sha256: sha(9), bucket: 'b', key: 'uploads/9.pdf', byteLength: 1 });
    await repo.setStatus(sha(9), 'failed', { reason: 'corrupt: bad xref' });
    const failed = await repo.listByStatus('failed', 10);
    expect(failed.items.map((d) => [d.documentId, d.reason])).toEqual([[sha(9), 'corrupt: bad xref']]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.listByStatus(undefined, 2, cursor);
      seen.push(...page.items.map((d) => d.documentId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([sha(1), sha(2), sha(3), sha(4), sha(9), sha(20), sha(30), sha(31), ...spread, fresh].sort());
    await expect(repo.listByStatus('tagged', 2, 'garbage.cursor')).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('stores runs', async () => {
    const run = { runId: 'r1', scope: 'all', targetVersion: 'c2', status: 'running' as const, counts: { pending: 3, done: 0, failed: 0, unchanged: 0 }, startedAt: clock.toISOString() };
    await repo.putRun(run);
    expect(await repo.getRun('r1')).toEqual(run);
  });

  it('writes the versions of several documents in shared batches; a document whose items are refused fails alone', async () => {
    // Three documents of 11 items each (head, ten ranking entries): the shared batches of 25 mix
    // them. Any batch write holding the second document's items is refused, as DynamoDB refuses a
    // whole call for one invalid item.
    const ids = [sha(301), sha(302), sha(303)];
    const poisoned = ids[1];
    const clients = createDynamoClients({ region: 'us-east-1', endpoint: svc.dynamoEndpoint });
    let batchCalls = 0;
    clients.raw.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand') {
          batchCalls++;
          if (JSON.stringify((args as { input: unknown }).input).includes(`DOC#${poisoned}`)) throw Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'refuseOneDocument' },
    );
    const r = new DynamoDocumentRepository({ client: clients.doc, table: svc.table, cursorSecret: 'test-secret', now: () => clock });
    const elements = (['a', 'b', 'c', 'd', 'e'] as const).map((e, i) => ({ element: e, theme: 1, paragraphCount: 1, bestScore: 0.6, score: 0.6 - i / 100, addresses: true, evidence: [0] })) as ElementSummary[];
    const ps = paragraphs(4);
    const writes = ids.map((documentId) => ({
      documentId,
      version: 'cb1',
      extractorVersion: 'x1',
      paragraphCount: ps.length,
      elements,
      tags: paragraphTags(ps),
      index: buildIndexEntries(elements, ps),
      metadata: {},
    }));
    expect(writes[0].index.length).toBeGreaterThanOrEqual(6);
    try {
      const failures = await r.writeVersions(writes);
      expect([...failures.keys()]).toEqual([poisoned]);
      expect(failures.get(poisoned)?.name).toBe('ValidationException');
      // Shared batches first (fewer calls than one per document), then the refused batch's documents one by one.
      expect(batchCalls).toBeGreaterThanOrEqual(3);
      for (const id of [ids[0], ids[2]]) {
        const stored = await repo.getVersion(id, 'cb1');
        expect(stored?.elements.map((e) => e.element), id).toEqual(['a', 'b', 'c', 'd', 'e']);
        const items = await partition(id);
        expect(items.filter((i) => (i.sk as string).startsWith('V#cb1#R#')).length, id).toBe(writes[0].index.length);
      }
      expect(await repo.getVersion(poisoned, 'cb1')).toBeUndefined();
    } finally {
      clients.raw.destroy();
    }
  });
});
