/**
 * `--only-failed`: a run over the failed documents only, through the upload path (metadata,
 * extraction, tagging). A document that fails again is recorded failed with its reason, the run
 * still ends, and tagged documents are not touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';
import { makePdf, truncatePdf } from '../helpers/pdf-fixtures';
import { InProcessQueue } from '../../shared/local/queue';
import { runInProcess } from '../../shared/app/reprocess';

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
