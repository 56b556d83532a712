/**
 * The Amazon Textract path against the local emulators, with a stand-in for Textract at its port
 * (no AWS): an upload whose scanned pages the extraction defers waits `ocr-pending` with its job,
 * Textract's completion (the SQS message it becomes) is fed to the resume handler, and the
 * document is tagged from what "Textract" read: blocks built from our own text.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cacheKey, ocrCacheKey } from '../../../shared/adapters/s3/extraction-cache';
import { TEXTRACT_ENGINE_VERSION } from '../../../shared/adapters/textract/blocks';
import { ingestObject } from '../../../shared/app/ingest';
import { expireOverdueOcr, handleOcrCompletionBatch, requestOcr, DEFAULT_OCR_TIME_LIMIT_MS, type OcrResumeDeps } from '../../../shared/app/ocr';
import { EXTRACTOR_VERSION, extractDocument } from '../../../shared/core/extract';
import { runInProcess, versionFor } from '../../../shared/app/reprocess';
import { InProcessQueue } from '../../../shared/local/queue';
import { putPdf } from '../../../shared/local/upload';
import { makePdf } from '../../helpers/pdf-fixtures';
import { concatPdfs, toImageOnlyPdf } from '../../helpers/scan-fixtures';
import { startTestPipeline, type TestPipeline } from '../../helpers/local-pipeline';
import { completionBatch, FakeTextract, textractCompletion, wrap } from '../../helpers/textract-fake';

const textract = new FakeTextract();
let p: TestPipeline;
let resume: OcrResumeDeps;

beforeAll(async () => {
  p = await startTestPipeline({ ocrJobs: textract });
  resume = { ...p.runtime.ingestDeps, ocrJobs: textract };
});
afterAll(() => p?.stop());

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const TRAFFICKING = [
  'The Ministers reaffirmed their determination to prevent and combat trafficking in persons and the smuggling of migrants.',
  'States will prosecute traffickers, dismantle the criminal networks behind human trafficking and disrupt the routes used by smugglers.',
  'States will improve the identification of victims of trafficking and refer trafficked persons to protection and assistance.',
];
const REMITTANCES = [
  'The roundtable examined how remittances and diaspora communities support development in countries of origin.',
  'Participants called for reducing the transaction costs of migrant remittances to less than 3 per cent and for cheaper and faster remittance transfers.',
];
const LABOUR = [
  'Migrant workers should not pay recruitment fees; States will regulate recruitment agencies and promote fair recruitment practices.',
  'States will protect the labour rights of migrant workers, including decent working conditions and written employment contracts.',
];

/** A one-page image-only scan of our own text. */
const scanOf = async (paragraphs: string[]) => toImageOnlyPdf(await makePdf({ pages: [{ paragraphs }] }));

/** What the stand-in reads on a page: the paragraphs, wrapped into printed lines. */
const printed = (paragraphs: string[]) => paragraphs.map((t) => wrap(t));

async function upload(key: string, bytes: Uint8Array) {
  await p.upload(key, bytes);
  await p.runtime.idle();
  return sha(bytes);
}

async function doc(id: string) {
  const res = await p.get(`/documents/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** The completion of the document's recorded job, through the resume handler. */
async function complete(id: string, status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED', jobId?: string) {
  const d = await doc(id);
  const body = textractCompletion({ jobId: jobId ?? d.ocrJob.jobId, documentId: id, bucket: p.runtime.bucket, key: d.ocrJob.key }, status);
  const res = await handleOcrCompletionBatch(resume, completionBatch([body]), { maxReceiveCount: 3 });
  expect(res.batchItemFailures).toEqual([]);
  return res.outcomes[0];
}

async function items(id: string, prefix: string) {
  const res = await p.runtime.db.send(
    new QueryCommand({
      TableName: p.runtime.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': `DOC#${id}`, ':p': prefix },
      ConsistentRead: true,
    }),
  );
  return res.Items ?? [];
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await p.runtime.s3.send(new HeadObjectCommand({ Bucket: p.runtime.bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

describe('Textract OCR on AWS, with a local stand-in for Textract', () => {
  let scanId: string;

  it('keeps an image-only scan ocr-pending with its job visible in the API, starting one job for two deliveries', async () => {
    const scan = await scanOf(TRAFFICKING);
    scanId = await upload('uploads/Bali-Process/scanned declaration.pdf', scan);
    const d = await doc(scanId);
    expect(d.status).toBe('ocr-pending');
    expect(d.reason).toMatch(/^pages 1 are scans and wait for OCR: OCR job job-\d+ \(textract-DetectDocumentText-1\) started /);
    expect(d.ocrJob).toMatchObject({ engine: TEXTRACT_ENGINE_VERSION, pages: [1], key: 'uploads/Bali-Process/scanned declaration.pdf', attempt: 1 });
    expect(d.ocr).toMatchObject({ engine: TEXTRACT_ENGINE_VERSION, pages: [1], confidence: null });
    expect(d.pages).toBe(1);
    const listed = await p.get('/documents?status=ocr-pending');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((x: { documentId: string }) => x.documentId)).toContain(scanId);
    expect((await p.get(`/documents/${scanId}/paragraphs`)).status).toBe(409);
    const spec = (await p.get('/openapi.json')).body;
    expect(spec.components.schemas.Document.properties.status.enum).toContain('ocr-pending');
    expect(Object.keys(spec.components.schemas.Document.properties.ocrJob.properties)).toEqual(expect.arrayContaining(Object.keys(d.ocrJob)));

    expect(textract.startCalls).toHaveLength(1);
    expect(textract.startCalls[0]).toMatchObject({ bucket: p.runtime.bucket, key: 'uploads/Bali-Process/scanned declaration.pdf', documentId: scanId });
    expect(textract.startCalls[0].token).toMatch(/^[0-9a-f]{64}$/);

    // The same event again (SQS delivers at least once): the recorded job is reused, none started.
    const again = await ingestObject(p.runtime.ingestDeps, { bucket: p.runtime.bucket, key: 'uploads/Bali-Process/scanned declaration.pdf' });
    expect(again).toMatchObject({ outcome: 'ocr-pending', jobId: d.ocrJob.jobId });
    expect(textract.jobsOf(scanId)).toEqual([d.ocrJob.jobId]);
    expect(textract.startCalls).toHaveLength(1);
  });

  it('tags it from the Textract reading when the completion arrives: OCR paragraphs with confidence, ranked, the reading cached', async () => {
    textract.texts.set(scanId, { 1: printed(TRAFFICKING) });
    expect(await complete(scanId)).toMatchObject({ outcome: 'tagged', documentId: scanId });
    const d = await doc(scanId);
    expect(d.status).toBe('tagged');
    expect(d.ocr).toMatchObject({ engine: TEXTRACT_ENGINE_VERSION, pages: [1], confidence: 0.98 });
    expect(d.language).toBe('en');
    const paras = await p.get(`/documents/${scanId}/paragraphs`);
    expect(paras.status).toBe(200);
    expect(paras.body.items.map((x: { text: string }) => x.text)).toEqual(TRAFFICKING);
    for (const para of paras.body.items) expect(para).toMatchObject({ source: 'ocr', confidence: 0.98, page: 1 });
    const k = await p.get('/elements/k/documents');
    expect(k.body.items.map((x: { documentId: string }) => x.documentId)).toContain(scanId);
    const cached = await p.runtime.s3.send(new GetObjectCommand({ Bucket: p.runtime.bucket, Key: ocrCacheKey('cache/', scanId, TEXTRACT_ENGINE_VERSION) }));
    const reading = JSON.parse(await cached.Body!.transformToString());
    expect(reading).toMatchObject({ engineVersion: TEXTRACT_ENGINE_VERSION, pages: [{ page: 1 }] });
    expect(textract.resultCalls).toEqual([d.ocrJob.jobId]);
  });

  it('leaves exactly one current result for duplicate completions, one after another or at once, and asks Textract nothing more', async () => {
    const before = await doc(scanId);
    expect(await complete(scanId)).toMatchObject({ outcome: 'unchanged' });
    await Promise.all([complete(scanId), complete(scanId)]);
    const after = await doc(scanId);
    expect(after).toMatchObject({ status: 'tagged', currentVersion: before.currentVersion, updatedAt: before.updatedAt });
    const stored = await items(scanId, 'V#');
    // One version item, holding every paragraph (their text is in the extraction cache), and the ranking entries of that version only.
    expect(stored.filter((i) => i.entity === 'version').map((i) => i.version)).toEqual([before.currentVersion]);
    expect(stored.find((i) => i.entity === 'version')?.paragraphCount).toBe(TRAFFICKING.length);
    const ranking = stored.filter((i) => String(i.sk).includes('#R#'));
    expect(ranking.length).toBeGreaterThan(0);
    expect(ranking.every((i) => i.version === before.currentVersion)).toBe(true);
    expect((await p.get(`/documents/${scanId}/paragraphs`)).body.items.map((x: { text: string }) => x.text)).toEqual(TRAFFICKING);
    expect(textract.resultCalls).toHaveLength(1);
    expect(textract.startCalls).toHaveLength(1);
  });

  it('re-extracts a resumed document (new layout rules, a reprocessing run) from the cached reading, never calling Textract again', async () => {
    const next = { ...p.runtime.ingestDeps, extractorVersion: `${EXTRACTOR_VERSION}-next` };
    const out = await ingestObject(next, { bucket: p.runtime.bucket, key: 'uploads/Bali-Process/scanned declaration.pdf' });
    expect(out).toMatchObject({ outcome: 'tagged', cached: false });
    expect(await objectExists(cacheKey('cache/', scanId, next.extractorVersion))).toBe(true);
    const paras = await p.get(`/documents/${scanId}/paragraphs`);
    expect(paras.body.items.map((x: { text: string }) => x.text)).toEqual(TRAFFICKING);
    expect(textract.startCalls).toHaveLength(1);
    expect(textract.resultCalls).toHaveLength(1);
  });

  it('does not put a document back to ocr-pending when its completion was faster than a redelivery', async () => {
    // A redelivery that read the document while it waited, and records the job after the completion tagged it.
    const stale = { ...(await doc(scanId)), status: 'ocr-pending' as const, currentVersion: null };
    const out = await requestOcr(resume, stale, { bucket: p.runtime.bucket, key: stale.ocrJob.key }, { pages: [1], reason: 'pages 1 are scans and wait for OCR', facts: { title: null, pages: 1, language: null, extractorVersion: EXTRACTOR_VERSION } });
    expect(out).toMatchObject({ outcome: 'unchanged' });
    expect((await doc(scanId)).status).toBe('tagged');
    expect(textract.startCalls).toHaveLength(1);
  });

  it('keeps the text paragraphs of a mixed document byte-identical to its text-layer extraction, adding what Textract read on the scanned page', async () => {
    const mixed = await concatPdfs([await makePdf({ pages: [{ paragraphs: REMITTANCES }] }), await scanOf(LABOUR)]);
    const id = await upload('uploads/GFMD/remittances with annex.pdf', mixed);
    expect((await doc(id)).ocrJob.pages).toEqual([2]);
    textract.texts.set(id, { 1: [['Text that Textract found on the text page is not used']], 2: printed(LABOUR) });
    expect(await complete(id)).toMatchObject({ outcome: 'tagged' });
    const paras = (await p.get(`/documents/${id}/paragraphs`)).body.items as Array<{ text: string; page: number; source?: string; index: number; number: string | null; kind: string }>;
    const off = await extractDocument(mixed, { ocr: { kind: 'off' } });
    if (off.outcome !== 'ok') throw new Error(off.reason);
    const textLayer = paras.filter((x) => x.source === undefined).map(({ index, number, page, kind, text }) => ({ index, number, page, kind, text }));
    expect(textLayer).toEqual(off.document.paragraphs.map(({ index, number, page, kind, text }) => ({ index, number, page, kind, text })));
    expect(paras.filter((x) => x.source === 'ocr').map((x) => [x.page, x.text])).toEqual(LABOUR.map((t) => [2, t]));
  });

  it('ends a scan whose Textract job failed needs-ocr with Textract\'s reason, uncached, and a duplicate of that completion changes nothing', async () => {
    const scan = await scanOf(['A scanned letter that Textract will not manage to read at all, whatever happens to it.']);
    const id = await upload('uploads/letters/unreadable.pdf', scan);
    textract.failures.set(id, 'Request has unsupported document format');
    expect(await complete(id, 'FAILED')).toMatchObject({ outcome: 'needs-ocr' });
    const d = await doc(id);
    expect(d.status).toBe('needs-ocr');
    expect(d.reason).toMatch(/its pages are images; OCR failed \(OCR job job-\d+ failed: Request has unsupported document format\)/);
    expect(await objectExists(cacheKey('cache/', id, EXTRACTOR_VERSION))).toBe(false);
    expect(await objectExists(ocrCacheKey('cache/', id, TEXTRACT_ENGINE_VERSION))).toBe(false);
    expect(await complete(id, 'FAILED')).toMatchObject({ outcome: 'unchanged' });
    expect((await doc(id)).updatedAt).toBe(d.updatedAt);
  });

  it('tags a mixed document from its text pages when Textract fails on the scanned one, and says so', async () => {
    const mixed = await concatPdfs([await makePdf({ pages: [{ paragraphs: TRAFFICKING }] }), await scanOf(REMITTANCES)]);
    const id = await upload('uploads/Bali-Process/declaration with annex.pdf', mixed);
    textract.failures.set(id, 'Internal server error');
    expect(await complete(id, 'FAILED')).toMatchObject({ outcome: 'tagged' });
    const d = await doc(id);
    expect(d.ocr.notes.join(' ')).toMatch(/OCR failed on pages 2 \(OCR job job-\d+ failed: Internal server error\); they were left out/);
    const paras = await p.get(`/documents/${id}/paragraphs`);
    expect(paras.body.items.map((x: { text: string }) => x.text)).toEqual(TRAFFICKING);
  });

  it('records a document still ocr-pending past the time limit as failed with the reason, then a new job (attempt 2) resumes it and the old one is ignored', async () => {
    const scan = await scanOf(LABOUR);
    const id = await upload('uploads/Colombo-Process/scanned note.pdf', scan);
    const d = await doc(id);
    const started = Date.parse(d.ocrJob.startedAt);
    expect(await expireOverdueOcr({ ...resume, now: () => new Date(started + DEFAULT_OCR_TIME_LIMIT_MS - 1000) })).not.toContain(id);
    expect((await doc(id)).status).toBe('ocr-pending');
    expect(await expireOverdueOcr({ ...resume, now: () => new Date(started + DEFAULT_OCR_TIME_LIMIT_MS) })).toContain(id);
    const failed = await doc(id);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toBe(
      `ocr-timeout: OCR job ${d.ocrJob.jobId} (${TEXTRACT_ENGINE_VERSION}) of pages 1, started ${d.ocrJob.startedAt}, did not finish within 60 minutes; reprocess failed documents to start a new one`,
    );
    expect((await p.get('/documents?status=failed')).body.items.map((x: { documentId: string }) => x.documentId)).toContain(id);
    // Run again after the limit (what `gcm reprocess --failed` does): a second job, with its own token.
    expect(await ingestObject(p.runtime.ingestDeps, { bucket: p.runtime.bucket, key: d.ocrJob.key })).toMatchObject({ outcome: 'ocr-pending' });
    const retried = await doc(id);
    expect(retried.ocrJob.attempt).toBe(2);
    expect(textract.jobsOf(id)).toEqual([d.ocrJob.jobId, retried.ocrJob.jobId]);
    textract.texts.set(id, { 1: printed(LABOUR) });
    expect(await complete(id, 'SUCCEEDED', d.ocrJob.jobId)).toMatchObject({ outcome: 'ignored' });
    expect((await doc(id)).status).toBe('ocr-pending');
    expect(await complete(id)).toMatchObject({ outcome: 'tagged' });
  });

  it('still tags a document whose job completes after the time limit recorded it failed', async () => {
    const id = await upload('uploads/Rabat-Process/late.pdf', await scanOf(REMITTANCES));
    const d = await doc(id);
    expect(await expireOverdueOcr({ ...resume, now: () => new Date(Date.parse(d.ocrJob.startedAt) + DEFAULT_OCR_TIME_LIMIT_MS) })).toEqual([id]);
    textract.texts.set(id, { 1: printed(REMITTANCES) });
    expect(await complete(id)).toMatchObject({ outcome: 'tagged' });
    expect(await doc(id)).toMatchObject({ status: 'tagged', reason: null });
  });

  it('reports a message that is not a Textract completion as failed (it goes to the dead-letter queue) and still resumes the others in its batch', async () => {
    const id = await upload('uploads/GFMD/second scan.pdf', await scanOf(REMITTANCES.slice(0, 1)));
    textract.texts.set(id, { 1: printed(REMITTANCES.slice(0, 1)) });
    const d = await doc(id);
    const good = textractCompletion({ jobId: d.ocrJob.jobId, documentId: id, bucket: p.runtime.bucket, key: d.ocrJob.key });
    const unknown = textractCompletion({ jobId: 'job-x', documentId: 'f'.repeat(64), bucket: p.runtime.bucket, key: 'uploads/none.pdf' });
    const batch = completionBatch(['{"Records":[]}', 'not json', unknown, good]);
    const res = await handleOcrCompletionBatch(resume, batch, { maxReceiveCount: 3 });
    expect(res.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([batch.Records[0].messageId, batch.Records[1].messageId]);
    expect(res.outcomes.map((o) => o.outcome)).toEqual(['ignored', 'tagged']);
    expect((await doc(id)).status).toBe('tagged');
  });

  it('records the document failed, rather than waiting, when the reading cannot be fetched on the last delivery', async () => {
    const id = await upload('uploads/letters/unfetchable.pdf', await scanOf(LABOUR.slice(0, 1)));
    const d = await doc(id);
    const broken: OcrResumeDeps = { ...resume, ocrJobs: { engineVersion: textract.engineVersion, start: textract.start.bind(textract), result: async () => { throw new Error('AccessDeniedException: not authorized to perform textract:GetDocumentTextDetection'); } } };
    const body = textractCompletion({ jobId: d.ocrJob.jobId, documentId: id, bucket: p.runtime.bucket, key: d.ocrJob.key });
    const first = await handleOcrCompletionBatch(broken, completionBatch([body], 1), { maxReceiveCount: 3 });
    expect(first.batchItemFailures).toHaveLength(1);
    expect((await doc(id)).status).toBe('ocr-pending');
    const last = await handleOcrCompletionBatch(broken, completionBatch([body], 3), { maxReceiveCount: 3 });
    expect(last.batchItemFailures).toEqual([]);
    expect(await doc(id)).toMatchObject({ status: 'failed', reason: 'error: AccessDeniedException: not authorized to perform textract:GetDocumentTextDetection' });
  });

  it('moves a document tagged while OCR was off to Textract in a reprocessing run: served all along, then switched to a new version', async () => {
    const mixed = await concatPdfs([await makePdf({ pages: [{ paragraphs: LABOUR }] }), await scanOf(TRAFFICKING)]);
    const id = sha(mixed);
    // Stored outside the upload prefix, so no event fires: it is ingested as it was before Textract
    // was turned on, its scanned page unread (engine `off`).
    const key = 'archive/note with annexed letter.pdf';
    await putPdf(p.runtime.s3, { bucket: p.runtime.bucket, key, body: mixed, metadata: {} });
    const off = { ...p.runtime.ingestDeps, ocrEngine: 'off', ocrJobs: undefined, extract: (bytes: Uint8Array) => extractDocument(bytes, { ocr: { kind: 'off' } }) };
    expect(await ingestObject(off, { bucket: p.runtime.bucket, key })).toMatchObject({ outcome: 'tagged' });
    const before = await doc(id);
    expect(before).toMatchObject({ status: 'tagged', ocr: { engine: 'off', pages: [2] } });
    const startsBefore = textract.startCalls.length;

    const queue = (consumer: any) => new InProcessQueue({ consumer, concurrency: 2, maxReceiveCount: 3, baseDelayMs: 10 });
    const { run } = await runInProcess({ ...p.runtime.ingestDeps, runs: p.runtime.runs }, { kind: 'outdated' }, { makeQueue: queue, maxReceiveCount: 3 });
    expect(run.status).toBe('done');
    const done = (await p.get(`/runs/${run.runId}/changes?state=done`)).body;
    expect(done.items.find((w: { documentId: string }) => w.documentId === id)?.reason).toMatch(/^ocr-pending: OCR job job-\d+ reads pages 2$/);
    // One job for this document (the run also retried the failed documents of the tests above).
    expect(textract.startCalls.length).toBeGreaterThan(startsBefore);
    expect(textract.jobsOf(id)).toHaveLength(1);
    // Still served from its text pages while Textract reads the scan; the job is recorded.
    const waiting = await doc(id);
    expect(waiting).toMatchObject({ status: 'tagged', currentVersion: before.currentVersion, ocrJob: { pages: [2] } });
    expect((await p.get(`/documents/${id}/paragraphs`)).status).toBe(200);

    textract.texts.set(id, { 2: printed(TRAFFICKING) });
    expect(await complete(id)).toMatchObject({ outcome: 'tagged' });
    const after = await doc(id);
    const target = versionFor(p.runtime.ingestDeps.classifier.version, EXTRACTOR_VERSION, true, TEXTRACT_ENGINE_VERSION);
    expect(after).toMatchObject({ status: 'tagged', currentVersion: target, ocr: { engine: TEXTRACT_ENGINE_VERSION, pages: [2] } });
    expect(target).not.toBe(before.currentVersion);
    const paras = (await p.get(`/documents/${id}/paragraphs`)).body.items as Array<{ text: string; source?: string }>;
    expect(paras.map((x) => x.text)).toEqual([...LABOUR, ...TRAFFICKING]);
    // The version it was served from is marked for expiry, not overwritten in place.
    const old = await items(id, `V#${before.currentVersion}`);
    expect(old.filter((i) => i.sk === `V#${before.currentVersion}`).map((i) => typeof i.expiresAt)).toEqual(['number']);
  });
});
