/**
 * `--only-failed`: a run over the failed documents only, through the upload path (metadata,
 * extraction, tagging). A document that fails again is recorded failed with its reason, the run
 * still ends, and tagged documents are not touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';
import { makePdf, truncatePdf } from '../helpers/pdf-fixtures';
import { InProcessQueue } from '../../shared/local/queue';
import { handleMessage, runInProcess, startRun, type ReprocessMessage } from '../../shared/app/reprocess';
import { classifierWithExtraTerms } from '../helpers/classifier-variant';

let p: TestPipeline;

beforeAll(async () => {
  p = await startTestPipeline();
  const good = await makePdf({ pages: [{ paragraphs: ['States will prevent and combat trafficking in persons and protect its victims.'] }] });
  await p.upload('uploads/Bali-Process/good.pdf', good);
  await p.upload('uploads/Bali-Process/broken.pdf', truncatePdf(good));
  await p.runtime.idle();
});
afterAll(() => p?.stop());

describe('reprocessing only failed documents', () => {
  it('retries exactly the failed document, records why it failed again, and ends the run', async () => {
    const failedDocs = (await p.get('/documents?status=failed')).body.items;
    expect(failedDocs).toHaveLength(1);
    const tagged = (await p.get('/documents?status=tagged')).body.items[0];
    const { run } = await runInProcess(
      { ...p.runtime.ingestDeps, runs: p.runtime.runs },
      { kind: 'failed' },
      { makeQueue: (consumer) => new InProcessQueue({ consumer, concurrency: 2, maxReceiveCount: 2, baseDelayMs: 5 }), maxReceiveCount: 2 },
    );
    expect(run).toMatchObject({ scope: 'failed', status: 'done', total: 1, counts: { pending: 0, done: 0, failed: 1, unchanged: 0 } });
    const items = (await p.get(`/runs/${run.runId}/changes?state=failed`)).body.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ documentId: failedDocs[0].documentId, state: 'failed', toVersion: null });
    expect(items[0].reason).toBeTruthy();
    // The tagged document was not in scope: no work item, same version, same update time.
    expect(await p.runtime.runs.getWorkItem(run.runId, tagged.documentId)).toBeUndefined();
    expect((await p.get(`/documents/${tagged.documentId}`)).body.updatedAt).toBe(tagged.updatedAt);
  });
});

describe('a run whose target version is no longer the code that processes it', () => {
  it('is closed as failed by the first worker at other versions, which leaves every document alone', async () => {
    const sent: ReprocessMessage[] = [];
    const sender = { send: async (m: ReprocessMessage[]) => void sent.push(...m) };
    const deps = p.runtime.ingestDeps;
    // Started by code with an edited lexicon…
    const edited = classifierWithExtraTerms({ k: [['quorvane', 1]] });
    const { run } = await startRun({ runs: p.runtime.runs, sender, classifierVersion: edited.version, extractorVersion: deps.extractorVersion }, { kind: 'all' });
    // …and consumed by workers still at the built-in data.
    const before = (await p.get('/documents?status=tagged')).body.items[0];
    const consumer = { ...deps, runs: p.runtime.runs, sender, maxReceiveCount: 2 };
    // The plan message, then every document message it produced.
    await handleMessage(consumer, sent[0], 1);
    expect(sent.length).toBe(3);
    for (const m of sent.slice(1)) await handleMessage(consumer, m, 1);
    const after = await p.runtime.runs.getRun(run.runId);
    expect(after?.status).toBe('failed');
    expect(after?.endedAt).toBeTruthy();
    expect((await p.get(`/documents/${before.documentId}`)).body).toMatchObject({ currentVersion: before.currentVersion, updatedAt: before.updatedAt });
  });
});
