/**
 * Several documents per reprocessing message: a page of re-tags becomes a few `documents` messages,
 * each read with batched reads, its versions written together, each document switched with its own
 * conditional update and the run's counters moved once per message. A document that fails inside a
 * batch does not hold the others back: they are recorded on the first delivery, it stays pending,
 * is retried by the redelivery of the message and, on the last one, recorded failed with its reason
 * while it keeps serving its version. The same message delivered twice, even at once, leaves one
 * current version per document and counts each document once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';
import { makePdf } from '../helpers/pdf-fixtures';
import { classifierWithExtraTerms } from '../helpers/classifier-variant';
import { TOPIC_SENTENCES } from '../helpers/topic-sentences';
import {
  BatchIncompleteError,
  documentMessages,
  handleMessage,
  startRun,
  type ConsumerDeps,
  type ReprocessMessage,
  type RunStore,
} from '../../shared/app/reprocess';
import type { ExtractionCache } from '../../shared/app/ports';

const COUNT = 7;
let p: TestPipeline;
const ids: string[] = [];

beforeAll(async () => {
  p = await startTestPipeline();
  for (let i = 0; i < COUNT; i++) {
    const text = TOPIC_SENTENCES[i % TOPIC_SENTENCES.length];
    await p.upload(`uploads/Batch/doc-${i}.pdf`, await makePdf({ title: `batch ${i}`, pages: [{ paragraphs: [text, `Paragraph ${i} repeats: ${text}`] }] }));
  }
  await p.runtime.idle();
  const page = await p.get('/documents?status=tagged&limit=100');
  ids.push(...page.body.items.map((d: { documentId: string }) => d.documentId));
  expect(ids).toHaveLength(COUNT);
});
afterAll(() => p?.stop());

/** A run store that counts the calls a batch makes on it. */
function countingRuns(inner: RunStore, calls: Record<string, number>): RunStore {
  return new Proxy(inner, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
        return value.apply(t, args);
      };
    },
  });
}

/** Starts a run and handles its plan message; returns the consumer and the document messages it produced. */
async function planned(term: string, opts: { cache?: ExtractionCache; calls?: Record<string, number>; maxReceiveCount?: number } = {}) {
  const sent: ReprocessMessage[] = [];
  const sender = { send: async (m: ReprocessMessage[]) => void sent.push(...m) };
  const classifier = classifierWithExtraTerms({ j: [[term, 1]] });
  const runs = opts.calls ? countingRuns(p.runtime.runs, opts.calls) : p.runtime.runs;
  const deps: ConsumerDeps = { ...p.runtime.ingestDeps, classifier, cache: opts.cache ?? p.runtime.ingestDeps.cache, runs, sender, maxReceiveCount: opts.maxReceiveCount ?? 2 };
  const { run } = await startRun({ runs: p.runtime.runs, sender, classifierVersion: classifier.version, extractorVersion: deps.extractorVersion }, { kind: 'all' });
  await handleMessage(deps, sent.shift()!, 1);
  const documents = sent.filter((m): m is Extract<ReprocessMessage, { type: 'documents' }> => m.type === 'documents');
  return { deps, run, documents, classifier };
}

async function versionHeads(id: string): Promise<string[]> {
  const res = await p.runtime.db.send(
    new QueryCommand({ TableName: p.runtime.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)', ExpressionAttributeValues: { ':p': `DOC#${id}`, ':v': 'V#' }, ConsistentRead: true }),
  );
  return (res.Items ?? []).map((i) => i.sk as string).filter((sk) => !sk.includes('#R#') && !sk.includes('#PART#'));
}

describe('documents per message', () => {
  it('groups re-tags into messages of even sizes; a parse goes alone', () => {
    const item = (n: number, extractor = 'x1', fromVersion: string | null = 'c1') => ({
      runId: 'r',
      documentId: n.toString(16).padStart(64, '0'),
      key: 'k',
      title: null,
      state: 'pending' as const,
      fromVersion,
      fromExtractorVersion: extractor,
      fromElements: [],
      toVersion: null,
      reason: null,
      gained: [],
      lost: [],
      recounted: [],
      changed: false,
      updatedAt: '',
    });
    const items = [...Array(13).keys()].map((n) => item(n));
    const sizes = (m: ReprocessMessage[]) => m.map((x) => (x.type === 'documents' ? x.documentIds.length : 0));
    expect(sizes(documentMessages('r', items, 'x1'))).toEqual([7, 6]);
    expect(sizes(documentMessages('r', items, 'x1', 5))).toEqual([5, 4, 4]);
    expect(sizes(documentMessages('r', items.slice(0, 4), 'x1'))).toEqual([4]);
    // A new extractor, the upload path (no version yet) and scanned pages are parses: one per message.
    const mixed = [item(1, 'x0'), item(2), item(3, 'x1', null), { ...item(4), scanned: true }, item(5)];
    expect(documentMessages('r', mixed, 'x1')).toEqual([
      { type: 'documents', runId: 'r', documentIds: [item(1).documentId] },
      { type: 'documents', runId: 'r', documentIds: [item(3).documentId] },
      { type: 'documents', runId: 'r', documentIds: [item(4).documentId] },
      { type: 'documents', runId: 'r', documentIds: [item(2).documentId, item(5).documentId] },
    ]);
    // Every document once, none left out.
    const all = documentMessages('r', items, 'x1', 3).flatMap((m) => (m.type === 'documents' ? m.documentIds : []));
    expect(all.sort()).toEqual(items.map((i) => i.documentId).sort());
  });

  it('re-tags a page of documents in one message: one read of the run and its items, one counter update', async () => {
    const calls: Record<string, number> = {};
    const { deps, run, documents, classifier } = await planned('plimbrous accord', { calls });
    expect(documents).toHaveLength(1);
    expect(documents[0].documentIds.sort()).toEqual([...ids].sort());
    for (const k of Object.keys(calls)) delete calls[k];
    await handleMessage(deps, documents[0], 1);
    expect(calls).toEqual({ getRunAndItems: 1, completeWorkItem: COUNT, addCounts: 1, finishRun: 1 });
    const after = await p.runtime.runs.getRun(run.runId);
    expect(after).toMatchObject({ status: 'done', counts: { pending: 0, done: COUNT, failed: 0, unchanged: 0 } });
    for (const id of ids) {
      const doc = (await p.get(`/documents/${id}`)).body;
      expect(doc).toMatchObject({ status: 'tagged', currentVersion: classifier.version });
      expect(doc.switchPending).toBeUndefined();
      expect((await p.get(`/documents/${id}/paragraphs`)).body.items.length).toBe(doc.paragraphCount);
    }
  });

  it('records the other documents when one fails inside the batch, retries it, and records it failed on the last delivery', async () => {
    const real = p.runtime.ingestDeps.cache;
    const victim = ids[2];
    let refused = 0;
    const cache: ExtractionCache = Object.assign(Object.create(real), {
      get: async (sha: string, version: string) => {
        if (sha === victim) {
          refused++;
          throw new Error('cache entry unreadable');
        }
        return real.get(sha, version);
      },
    });
    const before = (await p.get(`/documents/${victim}`)).body;
    const { deps, run, documents, classifier } = await planned('quendril pact', { cache, maxReceiveCount: 2 });
    expect(documents).toHaveLength(1);
    // First delivery: the message fails (to come back), yet everything but the victim is done and counted.
    await expect(handleMessage(deps, documents[0], 1)).rejects.toThrow(BatchIncompleteError);
    let now = await p.runtime.runs.getRun(run.runId);
    expect(now).toMatchObject({ status: 'running', counts: { pending: 1, done: COUNT - 1, failed: 0, unchanged: 0 } });
    expect((await p.runtime.runs.getWorkItem(run.runId, victim))?.state).toBe('pending');
    for (const id of ids.filter((x) => x !== victim)) expect((await p.runtime.repo.getDocument(id))?.currentVersion, id).toBe(classifier.version);
    // Second and last delivery: only the victim is attempted again, and it is recorded failed with its reason.
    const attemptsBefore = refused;
    await handleMessage(deps, documents[0], 2);
    expect(refused).toBe(attemptsBefore + 1);
    now = await p.runtime.runs.getRun(run.runId);
    expect(now).toMatchObject({ status: 'done', counts: { pending: 0, done: COUNT - 1, failed: 1, unchanged: 0 } });
    const item = await p.runtime.runs.getWorkItem(run.runId, victim);
    expect(item).toMatchObject({ state: 'failed', toVersion: null, reason: 'error: cache entry unreadable' });
    // It keeps serving the version it had, whole.
    const doc = (await p.get(`/documents/${victim}`)).body;
    expect(doc.currentVersion).toBe(before.currentVersion);
    expect((await p.get(`/documents/${victim}/paragraphs`)).body.items.length).toBe(before.paragraphCount);
  });

  it('leaves one current version per document and counts each once when the same message is delivered twice at once', async () => {
    const { deps, run, documents, classifier } = await planned('vostrel compact');
    expect(documents).toHaveLength(1);
    const results = await Promise.allSettled([handleMessage(deps, documents[0], 1), handleMessage(deps, documents[0], 1)]);
    // A delivery that lost a race on a document (the other switched it first) may ask to come back; the redelivery finds nothing to do.
    if (results.some((r) => r.status === 'rejected')) await handleMessage(deps, documents[0], 2);
    const after = await p.runtime.runs.getRun(run.runId);
    expect(after).toMatchObject({ status: 'done', total: COUNT, counts: { pending: 0, done: COUNT, failed: 0, unchanged: 0 } });
    for (const id of ids) {
      const doc = await p.runtime.repo.getDocument(id);
      expect(doc?.currentVersion, id).toBe(classifier.version);
      expect(doc?.switchPending, id).toBeUndefined();
      expect((await versionHeads(id)).filter((sk) => sk === `V#${classifier.version}`), id).toHaveLength(1);
      // Ranking entries: exactly those of the current version's addressed elements and themes.
      const res = await p.runtime.db.send(
        new QueryCommand({ TableName: p.runtime.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)', ExpressionAttributeValues: { ':p': `DOC#${id}`, ':v': 'V#' }, ConsistentRead: true }),
      );
      const entries = (res.Items ?? []).filter((i) => (i.sk as string).includes('#R#'));
      const addressed = doc!.elements.filter((e) => e.addresses);
      expect(entries.every((e) => e.version === classifier.version), id).toBe(true);
      expect(entries.filter((e) => (e.sk as string).includes('#R#E#')).length, id).toBe(addressed.length);
    }
  });
});
