/**
 * The real pipeline against the local emulators: SDK upload → s3rver event → queue → ingest
 * (real extractor and classifier) → DynamoDB → HTTP API.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { makeImageOnlyPdf, makePdf, truncatePdf } from '../../helpers/pdf-fixtures';
import { startTestPipeline, type TestPipeline } from '../../helpers/local-pipeline';
import { ingestObject } from '../../../shared/app/ingest';
import { cacheKey, ocrCacheKey } from '../../../shared/adapters/s3/extraction-cache';
import { toImageOnlyPdf } from '../../helpers/scan-fixtures';

let p: TestPipeline;
beforeAll(async () => {
  p = await startTestPipeline();
});
afterAll(() => p?.stop());

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const TRAFFICKING = [
  'The Ministers reaffirmed their determination to prevent and combat trafficking in persons and the smuggling of migrants.',
  '1. States will prosecute traffickers, dismantle the criminal networks behind human trafficking and disrupt the routes used by smugglers.',
  '2. States will improve the identification of victims of trafficking and refer trafficked persons to protection and assistance.',
];
const REMITTANCES = [
  'The roundtable examined how remittances and diaspora communities support development in countries of origin.',
  '1. Participants called for reducing the transaction costs of migrant remittances to less than 3 per cent and for cheaper and faster remittance transfers.',
  '2. Governments were encouraged to adopt diaspora engagement strategies and to support diaspora investment in their countries of origin.',
];
const LABOUR = [
  'The meeting discussed labour migration and recruitment from countries of origin to countries of destination.',
  '1. Migrant workers should not pay recruitment fees; States will regulate recruitment agencies and promote fair recruitment.',
  '2. States will protect the labour rights of migrant workers, including decent working conditions and written employment contracts.',
];
const PROCEDURAL = [
  'Provisional agenda of the meeting.',
  '1. Opening of the meeting by the chair.',
  '2. Adoption of the agenda and of the minutes of the previous meeting.',
  '3. Date and venue of the next meeting. Closing of the meeting.',
];

async function textPdf(title: string, paragraphs: string[]): Promise<Uint8Array> {
  return makePdf({ title, pages: [{ paragraphs: [{ heading: true, text: title }, ...paragraphs] }] });
}

async function ranked(element: string): Promise<string[]> {
  const res = await p.get(`/elements/${element}/documents?limit=100`);
  expect(res.status).toBe(200);
  return res.body.items.map((d: { documentId: string }) => d.documentId);
}

async function tableItems(documentId: string, prefix: string) {
  const res = await p.runtime.db.send(
    new QueryCommand({
      TableName: p.runtime.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': `DOC#${documentId}`, ':p': prefix },
      ConsistentRead: true,
    }),
  );
  return res.Items ?? [];
}

describe('local pipeline', () => {
  const docs: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    docs.trafficking = await textPdf('Declaration on Trafficking in Persons', TRAFFICKING);
    docs.remittances = await textPdf('Roundtable on Remittances and Diaspora', REMITTANCES);
    docs.labour = await textPdf('Concept Note on Fair Recruitment', LABOUR);
    docs.procedural = await textPdf('Provisional Agenda', PROCEDURAL);
    await p.upload('uploads/Bali-Process/trafficking.pdf', docs.trafficking, { type: 'declaration', meetingDate: '2023-02-10' });
    await p.upload('uploads/GFMD/remittances.pdf', docs.remittances, { type: 'report', meetingDate: '2022-11-15' });
    await p.upload('uploads/Colombo-Process/labour.pdf', docs.labour, { type: 'concept-note', meetingDate: '2024-03-05' });
    await p.upload('uploads/Rabat-Process/agenda.pdf', docs.procedural, { type: 'other' });
    await p.runtime.idle();
  });

  it('tags every uploaded document and lists it under the elements its text addresses, and not under others', async () => {
    for (const bytes of Object.values(docs)) {
      const res = await p.get(`/documents/${sha(bytes)}`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('tagged');
    }
    const [k, l, h, t, q] = await Promise.all(['k', 'l', 'h', 't', 'q'].map(ranked));
    const id = (name: string) => sha(docs[name]);
    expect(k).toContain(id('trafficking'));
    expect(l).toContain(id('trafficking'));
    expect(h).toContain(id('remittances'));
    expect(t).toContain(id('remittances'));
    expect(q).toContain(id('labour'));
    for (const other of ['remittances', 'labour', 'procedural']) expect(k).not.toContain(id(other));
    for (const other of ['trafficking', 'labour', 'procedural']) expect(h).not.toContain(id(other));
    for (const other of ['trafficking', 'remittances', 'procedural']) expect(q).not.toContain(id(other));

    const coverage = await p.get('/coverage');
    const agenda = coverage.body.documents.find((d: { documentId: string }) => d.documentId === id('procedural'));
    expect(Object.values(agenda.scores).every((s) => s === null)).toBe(true);
  });

  it('serves ranked evidence with metadata from the key convention and object metadata', async () => {
    const res = await p.get('/elements/k/documents');
    const doc = res.body.items.find((d: { documentId: string }) => d.documentId === sha(docs.trafficking));
    expect(doc).toMatchObject({ process: 'Bali Process', type: 'declaration', meetingDate: '2023-02-10' });
    expect(doc.evidence.length).toBeGreaterThan(0);
    expect(doc.evidence[0].snippet).toMatch(/traffick|smuggl/i);
    expect(doc.evidence[0].matchedTerms.length).toBeGreaterThan(0);
    expect(doc.evidence[0].page).toBe(1);

    const filtered = await p.get('/elements/k/documents?process=GFMD');
    expect(filtered.body.items).toEqual([]);
    const byDate = await p.get('/elements/h/documents?from=2022-01-01&to=2022-12-31');
    expect(byDate.body.items.map((d: { documentId: string }) => d.documentId)).toEqual([sha(docs.remittances)]);
    const theme6 = await p.get('/themes/6/documents');
    expect(theme6.body.items.map((d: { documentId: string }) => d.documentId)).toEqual([sha(docs.trafficking)]);

    const paragraphs = await p.get(`/documents/${sha(docs.trafficking)}/paragraphs?element=l`);
    expect(paragraphs.status).toBe(200);
    expect(paragraphs.body.items.length).toBeGreaterThan(0);
    for (const para of paragraphs.body.items) expect(para.tags.map((t: { element: string }) => t.element)).toContain('l');

    const elements = await p.get('/elements');
    expect(elements.body.elements).toHaveLength(24);
    expect(elements.body.themes).toHaveLength(6);
    expect(elements.body.elements.find((e: { id: string }) => e.id === 'k').documentCount).toBe(1);
  });

  it('paginates with opaque cursors and rejects tampered ones', async () => {
    const first = await p.get('/documents?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await p.get(`/documents?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((d: { documentId: string }) => d.documentId);
    expect(new Set(ids).size).toBe(ids.length);
    const tampered = first.body.nextCursor.slice(0, -2) + (first.body.nextCursor.endsWith('AA') ? 'BB' : 'AA');
    const bad = await p.get(`/documents?limit=2&cursor=${encodeURIComponent(tampered)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-cursor');
    const foreign = await p.get(`/elements/k/documents?cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(foreign.status).toBe(400);
  });

  it('tags a scanned PDF from what OCR read: paragraphs marked ocr with a confidence in the API, the reading cached by engine version', async () => {
    const scan = await toImageOnlyPdf(await makePdf({ pages: [{ paragraphs: TRAFFICKING }] }));
    await p.upload('uploads/Bali-Process/scanned-declaration.pdf', scan);
    await p.runtime.idle();
    const doc = await p.get(`/documents/${sha(scan)}`);
    expect(doc.body.status).toBe('tagged');
    expect(doc.body.ocr).toMatchObject({ pages: [1], model: 'eng' });
    expect(doc.body.ocr.confidence).toBeGreaterThan(0.8);
    expect(doc.body.language).toBe('en');
    const paras = await p.get(`/documents/${sha(scan)}/paragraphs`);
    expect(paras.status).toBe(200);
    expect(paras.body.items.length).toBeGreaterThan(0);
    for (const para of paras.body.items) {
      expect(para.source).toBe('ocr');
      expect(para.confidence).toBeGreaterThan(0);
    }
    // What OCR read is kept under the engine version, beside the extraction cache.
    const reading = await p.runtime.s3.send(new GetObjectCommand({ Bucket: p.runtime.bucket, Key: ocrCacheKey('cache/', sha(scan), doc.body.ocr.engine) }));
    expect(JSON.parse(await reading.Body!.transformToString()).pages).toHaveLength(1);
    // The trafficking declaration is found under trafficking (k) even though it was a scan.
    const k = await p.get('/elements/k/documents');
    expect(k.body.items.map((d: { documentId: string }) => d.documentId)).toContain(sha(scan));
  });

  it('records a broken PDF as failed with a reason, and an image-only PDF as needs-ocr', async () => {
    const broken = truncatePdf(await textPdf('Cut short', TRAFFICKING), 0.3);
    const scan = await makeImageOnlyPdf();
    await p.upload('uploads/broken.pdf', broken);
    await p.upload('uploads/scan.pdf', scan);
    await p.runtime.idle();
    const failed = await p.get(`/documents/${sha(broken)}`);
    expect(failed.body.status).toBe('failed');
    expect(failed.body.reason).toMatch(/\S/);
    const ocr = await p.get(`/documents/${sha(scan)}`);
    expect(ocr.body.status).toBe('needs-ocr');
    expect(ocr.body.reason).toMatch(/image.*OCR found no text/);
    const listed = await p.get('/documents?status=failed');
    expect(listed.body.items.map((d: { documentId: string }) => d.documentId)).toContain(sha(broken));
    const paras = await p.get(`/documents/${sha(broken)}/paragraphs`);
    expect(paras.status).toBe(409);
    expect(p.runtime.queue.deadLetters).toEqual([]);
  });

  it('keeps exactly one set of paragraphs and tags when an event is delivered twice', async () => {
    const id = sha(docs.labour);
    const before = await tableItems(id, 'V#');
    const event = { Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: p.runtime.bucket }, object: { key: 'uploads/Colombo-Process/labour.pdf' } } }] };
    p.runtime.queue.send(JSON.stringify(event));
    p.runtime.queue.send(JSON.stringify(event));
    await p.runtime.idle();
    const after = await tableItems(id, 'V#');
    expect(after.map((i) => i.sk).sort()).toEqual(before.map((i) => i.sk).sort());
    const doc = (await p.get(`/documents/${id}`)).body;
    // One version item, one ranking entry per addressed element and theme, nothing per paragraph.
    expect(after.filter((i) => i.entity === 'version').map((i) => i.sk)).toEqual([`V#${doc.currentVersion}`]);
    expect((await p.runtime.repo.getVersion(id, doc.currentVersion))?.paragraphCount).toBe(doc.paragraphCount);
  });

  it('leaves exactly one current result when the same object is processed concurrently', async () => {
    const bytes = await textPdf('Concurrent delivery on smuggling of migrants', TRAFFICKING);
    const key = 'uploads/concurrent.pdf';
    await p.upload(key, bytes); // the s3rver event starts one ingestion...
    const ref = { bucket: p.runtime.bucket, key };
    // ...and two redeliveries race it.
    await Promise.all([ingestObject(p.runtime.ingestDeps, ref), ingestObject(p.runtime.ingestDeps, ref)]);
    await p.runtime.idle();
    const id = sha(bytes);
    const doc = (await p.get(`/documents/${id}`)).body;
    expect(doc.status).toBe('tagged');
    const items = await tableItems(id, 'V#');
    expect(items.filter((i) => i.entity === 'version').map((i) => i.sk)).toEqual([`V#${doc.currentVersion}`]);
    const stored = await p.runtime.repo.getVersion(id, doc.currentVersion);
    expect(new Set(stored!.tags.map((t) => t.index)).size).toBe(stored!.tags.length);
    const index = items.filter((i) => (i.sk as string).startsWith(`V#${doc.currentVersion}#R#E#`));
    expect(index.map((i) => i.sk).sort()).toEqual(
      doc.elements.filter((s: { addresses: boolean }) => s.addresses).map((s: { element: string }) => `V#${doc.currentVersion}#R#E#${s.element}`).sort(),
    );
    expect(items.filter((i) => (i.sk as string).includes('#R#') && i.version !== doc.currentVersion)).toEqual([]);
    expect((await ranked('k')).filter((d) => d === id)).toHaveLength(1);
  });

  it('stores the same bytes under two keys as one document with both keys, without duplicates', async () => {
    const bytes = await textPdf('Copy test on smuggling', TRAFFICKING.slice(0, 2));
    await p.upload('uploads/first copy.pdf', bytes);
    await p.runtime.idle();
    const id = sha(bytes);
    const before = await tableItems(id, 'V#');
    await p.upload('uploads/Second folder/second + copy.pdf', bytes);
    await p.runtime.idle();
    const doc = (await p.get(`/documents/${id}`)).body;
    expect(doc.keys).toEqual(['uploads/first copy.pdf', 'uploads/Second folder/second + copy.pdf']);
    expect(doc.process).toBe('Second folder');
    const after = await tableItems(id, 'V#');
    expect(after).toHaveLength(before.length);
    const all = await p.get('/documents?limit=100');
    expect(all.body.items.filter((d: { documentId: string }) => d.documentId === id)).toHaveLength(1);
  });

  it('re-tags from the extraction cache without parsing the PDF again, and switches the current version', async () => {
    const id = sha(docs.remittances);
    const cached = await p.runtime.s3.send(
      new GetObjectCommand({ Bucket: p.runtime.bucket, Key: cacheKey('cache/', id, p.runtime.ingestDeps.extractorVersion) }),
    );
    expect(JSON.parse(await cached.Body!.transformToString()).outcome).toBe('ok');
    let parses = 0;
    const real = p.runtime.ingestDeps;
    const nextVersion = `${real.classifier.version}-next`;
    const deps = {
      ...real,
      extract: async (b: Uint8Array) => {
        parses++;
        return real.extract(b);
      },
      // The real classifier under another version label: what a lexicon change looks like to storage.
      classifier: Object.assign(Object.create(Object.getPrototypeOf(real.classifier)), real.classifier, { version: nextVersion }),
    };
    const outcome = await ingestObject(deps, { bucket: p.runtime.bucket, key: 'uploads/GFMD/remittances.pdf' });
    expect(outcome).toMatchObject({ outcome: 'tagged', version: nextVersion, cached: true });
    expect(parses).toBe(0);
    const doc = (await p.get(`/documents/${id}`)).body;
    expect(doc.currentVersion).toBe(nextVersion);
    const h = await p.get('/elements/h/documents');
    expect(h.body.items.find((d: { documentId: string }) => d.documentId === id).version).toBe(nextVersion);
    // The previous version stays for comparison, marked for expiry; its ranking entries are gone.
    const oldKey = `V#${real.classifier.version}`;
    const old = (await tableItems(id, oldKey)).filter((i) => i.sk === oldKey || (i.sk as string).startsWith(`${oldKey}#`));
    expect(old.map((i) => i.sk)).toEqual([oldKey]);
    expect(typeof old[0].expiresAt).toBe('number');
    expect((await p.runtime.repo.getVersion(id, real.classifier.version))?.tags.length).toBeGreaterThan(0);
    // No paragraph was written again: the text is served from the same cache entry as before.
    const paragraphs = (await p.get(`/documents/${id}/paragraphs`)).body;
    expect(paragraphs.version).toBe(nextVersion);
    expect(paragraphs.items.map((x: { text: string }) => x.text)).toEqual(
      JSON.parse(await (await p.runtime.s3.send(new GetObjectCommand({ Bucket: p.runtime.bucket, Key: cacheKey('cache/', id, real.extractorVersion) }))).Body!.transformToString())
        .document.paragraphs.map((x: { text: string }) => x.text),
    );
  });

  it('re-extracts under a new version name when the extractor changes, leaving the served version intact until the switch', async () => {
    const id = sha(docs.labour);
    const real = p.runtime.ingestDeps;
    const before = (await p.get(`/documents/${id}`)).body;
    const servedItems = await tableItems(id, `V#${before.currentVersion}`);
    let parses = 0;
    const deps = {
      ...real,
      extractorVersion: `${real.extractorVersion}-next`,
      extract: async (b: Uint8Array) => {
        parses++;
        const r = await real.extract(b);
        return r.outcome === 'ok' ? { ...r, document: { ...r.document, facts: { ...r.document.facts, extractorVersion: `${real.extractorVersion}-next` } } } : r;
      },
    };
    const outcome = await ingestObject(deps, { bucket: p.runtime.bucket, key: before.key });
    expect(parses).toBe(1);
    expect(outcome.outcome).toBe('tagged');
    const version = (outcome as { version: string }).version;
    // Same classifier, other extraction: a distinct version, so the served items were never rewritten in place.
    expect(version).not.toBe(before.currentVersion);
    expect(version.startsWith(real.classifier.version)).toBe(true);
    const after = (await p.get(`/documents/${id}`)).body;
    expect(after).toMatchObject({ currentVersion: version, extractorVersion: `${real.extractorVersion}-next` });
    const old = await tableItems(id, `V#${before.currentVersion}`);
    const oldVersion = old.find((i) => i.sk === `V#${before.currentVersion}`)!;
    const servedVersion = servedItems.find((i) => i.sk === `V#${before.currentVersion}`)!;
    // The served version item was never rewritten: same bytes, same write time; only marked for expiry.
    expect(Buffer.from(oldVersion.body).equals(Buffer.from(servedVersion.body))).toBe(true);
    expect(oldVersion.writtenAt).toBe(servedVersion.writtenAt);
    expect(typeof oldVersion.expiresAt).toBe('number');
    // Delivered again with the same versions: nothing to do.
    expect(await ingestObject(deps, { bucket: p.runtime.bucket, key: before.key })).toMatchObject({ outcome: 'unchanged', version });
    expect(parses).toBe(1);
  });

  it('round-trips a streamed upload byte for byte', async () => {
    const bytes = await textPdf('Streamed upload', LABOUR);
    const key = 'uploads/streamed.pdf';
    const chunks = [bytes.slice(0, 1000), bytes.slice(1000)];
    await p.runtime.s3.send(
      new PutObjectCommand({ Bucket: p.runtime.bucket, Key: key, Body: Readable.from(chunks.map((c) => Buffer.from(c))), ContentLength: bytes.byteLength, ContentType: 'application/pdf' }),
    );
    const got = await p.runtime.s3.send(new GetObjectCommand({ Bucket: p.runtime.bucket, Key: key }));
    const back = await got.Body!.transformToByteArray();
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    await p.runtime.idle();
  });

  it('issues a presigned POST that uploads a PDF with its metadata', async () => {
    const bytes = await textPdf('Presigned upload on return and readmission', [
      'States will cooperate on return and readmission and on the sustainable reintegration of returning migrants.',
    ]);
    const res = await p.get('/uploads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'return.pdf', process: 'Budapest Process', type: 'report', meetingDate: '2021-09-01' }),
    });
    expect(res.status).toBe(201);
    const policy = JSON.parse(Buffer.from(res.body.fields.Policy, 'base64').toString());
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'application/pdf']);
    expect(policy.conditions).toContainEqual(['content-length-range', 1, p.runtime.ingestDeps.maxBytes]);
    const form = new FormData();
    for (const [k, v] of Object.entries(res.body.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'return.pdf');
    const post = await fetch(res.body.url, { method: 'POST', body: form });
    expect(post.status).toBeLessThan(300);
    await p.runtime.idle();
    const doc = (await p.get(`/documents/${sha(bytes)}`)).body;
    expect(doc).toMatchObject({ status: 'tagged', process: 'Budapest Process', type: 'report', meetingDate: '2021-09-01', key: res.body.key });
  });

  it('answers bad input with JSON errors and the right status', async () => {
    expect((await p.get('/elements/z/documents')).status).toBe(400);
    expect((await p.get('/elements/k/documents?minScore=2')).status).toBe(400);
    expect((await p.get('/elements/k/documents?unknown=1')).status).toBe(400);
    expect((await p.get('/themes/7/documents')).status).toBe(400);
    expect((await p.get(`/documents/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await p.get('/documents/not-an-id')).status).toBe(400);
    const upload = await p.get('/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filename: 'x.exe' }) });
    expect(upload.status).toBe(400);
    expect(upload.body.error.code).toBe('invalid-request');
    const csv = await p.get('/coverage?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('documentId,title,key,process,type,meetingDate,' + 'abcdefghijklmnopqrstuvwx'.split('').join(','));
    const spec = await p.get('/openapi.json');
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/elements/{id}/documents', '/coverage', '/uploads']));
  });

  it('re-queues uploads left without a final status (a stop mid-way) and finishes them', async () => {
    const bytes = await textPdf('Interrupted upload on remittances', REMITTANCES.slice(0, 2));
    await p.upload('uploads/interrupted.pdf', bytes);
    await p.runtime.idle();
    const id = sha(bytes);
    expect(await p.runtime.recoverUnfinished()).toBe(0);
    // As if the process had stopped while this document was being processed.
    await p.runtime.repo.setStatus(id, 'processing');
    expect(await p.runtime.recoverUnfinished()).toBe(1);
    await p.runtime.idle();
    expect((await p.get(`/documents/${id}`)).body.status).toBe('tagged');
    expect(await p.runtime.recoverUnfinished()).toBe(0);
  });
});
