/**
 * The bad-input matrix through the real local pipeline: SDK upload → s3rver event → queue → ingest
 * (real extractor and classifier) → DynamoDB → HTTP API. Every case must end in a recorded status
 * with a reason that a user can read through the API, and the uploaded object must still be in S3,
 * byte for byte. The rows of the README table "What happens when..." name these tests.
 */
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { corruptPageStream, makeEncryptedPdf, makeImageOnlyPdf, makeLongPdf, makePdf, makeSlowToParsePdf, truncatePdf } from '../helpers/pdf-fixtures';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';
import type { ObjectStore } from '../../shared/app/ports';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const TRAFFICKING =
  'States will prosecute traffickers, dismantle the criminal networks behind human trafficking and disrupt the routes used by smugglers of migrants.';
const REMITTANCES =
  'Participants called for reducing the transaction costs of migrant remittances to less than 3 per cent and for cheaper and faster remittance transfers.';

/** A short text PDF whose bytes differ per `label` (so each upload is its own document). */
function textPdf(label: string, paragraphs: string[] = [TRAFFICKING, REMITTANCES]): Promise<Uint8Array> {
  return makePdf({ title: label, pages: [{ paragraphs: [{ heading: true, text: label }, ...paragraphs] }] });
}

/** `count` single-character text items (each drawn separately, as some PDF producers do), on one page. */
async function manyTinyItemsPdf(count: number): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: [612, 792], margin: 0, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const text = `${TRAFFICKING} ${REMITTANCES} `;
  const perPage = 20_000;
  let drawn = 0;
  let i = 0;
  let x = 0;
  let y = 0;
  while (drawn < count) {
    if (drawn % perPage === 0) {
      doc.addPage().font('Times-Roman').fontSize(5);
      x = 36;
      y = 30;
    }
    const ch = text[i++ % text.length];
    doc.text(ch, x, y, { lineBreak: false });
    // Advance by the glyph's own width, so the characters read as words.
    x += doc.widthOfString(ch);
    if (x > 570 && ch === ' ') {
      x = 36;
      y += 6;
    }
    drawn++;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A minimal but well-formed .docx (a ZIP with stored entries), as Word would hand it over. */
function makeDocx(text: string): Uint8Array {
  const files: Array<[string, string]> = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

interface Seen {
  status: string;
  reason: string | null;
  keys: string[];
  body: any;
}

/** The document as the API shows it, after checking the upload is still in S3 unchanged. */
async function outcome(p: TestPipeline, key: string, bytes: Uint8Array): Promise<Seen> {
  const stored = await p.runtime.s3.send(new GetObjectCommand({ Bucket: p.runtime.bucket, Key: key }));
  expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(Buffer.from(bytes))).toBe(true);
  const res = await p.get(`/documents/${sha(bytes)}`);
  expect(res.status).toBe(200);
  expect(res.body.keys).toContain(key);
  return { status: res.body.status, reason: res.body.reason, keys: res.body.keys, body: res.body };
}

async function listed(p: TestPipeline, status: string): Promise<string[]> {
  const res = await p.get(`/documents?status=${status}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.items.map((d: { documentId: string }) => d.documentId);
}

describe('bad input through the local pipeline (default limits)', () => {
  let p: TestPipeline;
  const uploads: Record<string, { key: string; bytes: Uint8Array }> = {};

  beforeAll(async () => {
    p = await startTestPipeline();
    const good = await textPdf('Ministerial declaration on trafficking');
    const cases: Array<[string, string, Uint8Array | Promise<Uint8Array>]> = [
      ['empty', 'uploads/Bali-Process/empty.pdf', new Uint8Array(0)],
      ['text', 'uploads/notes.pdf', new TextEncoder().encode('Minutes of the meeting.\nThis is a plain text file saved with a .pdf name.\n')],
      ['html', 'uploads/page.pdf', new TextEncoder().encode('<!DOCTYPE html><html><head><title>Declaration</title></head><body><p>Saved from a browser.</p></body></html>')],
      ['docx', 'uploads/report.pdf', makeDocx('A Word report renamed to .pdf')],
      ['truncated', 'uploads/cut-short.pdf', truncatePdf(good, 0.4)],
      ['encrypted', 'uploads/locked.pdf', makeEncryptedPdf('s3cret')],
      ['scan', 'uploads/scan.pdf', makeImageOnlyPdf(2)],
      ['tiny', 'uploads/tiny-items.pdf', manyTinyItemsPdf(25_000)],
      [
        'corrupt-page',
        'uploads/GFMD/damaged page 2.pdf',
        makePdf({
          title: 'Three pages, the second damaged',
          pages: [
            { paragraphs: [TRAFFICKING, 'The first page is intact and addresses trafficking in persons.'] },
            { paragraphs: ['This page will not be readable after the damage.', REMITTANCES] },
            { paragraphs: [REMITTANCES, 'The third page is intact and addresses remittances and diaspora investment.'] },
          ],
        }).then((b) => corruptPageStream(b, 2)),
      ],
    ];
    for (const [name, key, bytes] of cases) uploads[name] = { key, bytes: await bytes };
    for (const { key, bytes } of Object.values(uploads)) await p.upload(key, bytes);
    await p.runtime.idle();
  }, 120_000);
  afterAll(() => p?.stop());

  it('records a zero-byte upload as failed (empty)', async () => {
    const { key, bytes } = uploads.empty;
    const seen = await outcome(p, key, bytes);
    expect(seen).toMatchObject({ status: 'failed' });
    expect(seen.reason).toMatch(/^empty: /);
    expect(await listed(p, 'failed')).toContain(sha(bytes));
  });

  it('records text, HTML and DOCX files renamed to .pdf as failed (not-pdf)', async () => {
    for (const name of ['text', 'html', 'docx']) {
      const { key, bytes } = uploads[name];
      const seen = await outcome(p, key, bytes);
      expect(seen.status, name).toBe('failed');
      expect(seen.reason, name).toMatch(/^not-pdf: .*%PDF-/);
    }
  });

  it('records a truncated PDF as failed (corrupt) with a reason', async () => {
    const { key, bytes } = uploads.truncated;
    const seen = await outcome(p, key, bytes);
    expect(seen.status).toBe('failed');
    expect(seen.reason).toMatch(/^(corrupt|no-text): \S/);
    const paragraphs = await p.get(`/documents/${sha(bytes)}/paragraphs`);
    expect(paragraphs.status).toBe(409);
    expect(paragraphs.body.error.message).toContain('failed');
  });

  it('records an encrypted PDF as failed (encrypted)', async () => {
    const { key, bytes } = uploads.encrypted;
    const seen = await outcome(p, key, bytes);
    expect(seen.status).toBe('failed');
    expect(seen.reason).toMatch(/^encrypted: .*password/);
  });

  it('records an image-only scan as needs-ocr', async () => {
    const { key, bytes } = uploads.scan;
    const seen = await outcome(p, key, bytes);
    expect(seen.status).toBe('needs-ocr');
    // Its pages are stripes, not text: OCR reads them and finds nothing, and the reason says so.
    expect(seen.reason).toMatch(/no text layer.*images.*OCR found no text on the scanned pages \(1, 2\)/);
    expect(seen.body.pages).toBe(2);
    expect(seen.body.ocr).toMatchObject({ pages: [1, 2], confidence: null });
    expect(await listed(p, 'needs-ocr')).toContain(sha(bytes));
  });

  it('tags the good pages of a PDF with one corrupted content stream and reports the bad page', async () => {
    const { key, bytes } = uploads['corrupt-page'];
    const seen = await outcome(p, key, bytes);
    expect(seen.status).toBe('tagged');
    expect(seen.body.failedPages).toEqual([2]);
    expect(seen.body.pages).toBe(3);
    const paragraphs = await p.get(`/documents/${sha(bytes)}/paragraphs`);
    const pages = new Set(paragraphs.body.items.map((x: { page: number }) => x.page));
    expect(pages).toEqual(new Set([1, 3]));
    const k = await p.get('/elements/k/documents?limit=100');
    expect(k.body.items.map((d: { documentId: string }) => d.documentId)).toContain(sha(bytes));
    const listing = (await p.get('/documents?status=tagged&limit=100')).body.items.find((d: { documentId: string }) => d.documentId === sha(bytes));
    expect(listing.failedPages).toEqual([2]);
  });

  it('tags a PDF made of tens of thousands of tiny text items', async () => {
    const { key, bytes } = uploads.tiny;
    const seen = await outcome(p, key, bytes);
    expect(seen.status).toBe('tagged');
    expect(seen.body.paragraphCount).toBeGreaterThan(0);
    const paragraphs = await p.get(`/documents/${sha(bytes)}/paragraphs`);
    const text: string = paragraphs.body.items.map((x: { text: string }) => x.text).join(' ');
    expect(text.includes('prosecute traffickers'), text.slice(0, 200)).toBe(true);
  });

  it('keeps unusual keys exactly (spaces, unicode, +, %, #, nested prefixes, a 1,024-byte key)', async () => {
    const longTail = Array.from({ length: 5 }, (_, i) => `${String(i).repeat(3)}-${'long-folder-name-'.repeat(11)}`.slice(0, 180)).join('/');
    const longKey = `uploads/${longTail}/`.padEnd(1024 - 4, 'x') + '.pdf';
    expect(Buffer.byteLength(longKey)).toBe(1024);
    const keys = [
      'uploads/Rabat Process/Déclaration de Rabat – été 2024 (version finale).pdf',
      'uploads/GFMD/a+b=c & d [v2].pdf',
      'uploads/Budapest-Process/50% plan #2; draft.pdf',
      'uploads/一/二/三/الهجرة/deep nested.pdf',
      longKey,
    ];
    const sent = await Promise.all(keys.map((key, i) => textPdf(`Unusual key ${i}`).then((bytes) => ({ key, bytes }))));
    for (const { key, bytes } of sent) await p.upload(key, bytes);
    await p.runtime.idle();
    for (const { key, bytes } of sent) {
      const seen = await outcome(p, key, bytes);
      expect(seen.status, `${key.slice(0, 60)}…: ${seen.reason}`).toBe('tagged');
      expect(seen.body.key, key).toBe(key);
      expect(await p.runtime.repo.documentIdForKey(key)).toBe(sha(bytes));
    }
    expect((await p.get(`/documents/${sha(sent[0].bytes)}`)).body.process).toBe('Rabat Process');
    // A folder name too long to be a process name is ignored, not held against the document.
    expect((await p.get(`/documents/${sha(sent[4].bytes)}`)).body.process).toBeUndefined();
    expect(p.runtime.queue.deadLetters).toEqual([]);
  });

  it('judges a file by its bytes, not its content type', async () => {
    const pdf = await textPdf('Declared as text/plain');
    const html = new TextEncoder().encode('<html><body>declared as application/pdf</body></html>');
    await p.runtime.s3.send(new PutObjectCommand({ Bucket: p.runtime.bucket, Key: 'uploads/typed-as-text.pdf', Body: pdf, ContentType: 'text/plain' }));
    await p.runtime.s3.send(new PutObjectCommand({ Bucket: p.runtime.bucket, Key: 'uploads/typed-as-pdf.pdf', Body: html, ContentType: 'application/pdf' }));
    await p.runtime.idle();
    expect((await outcome(p, 'uploads/typed-as-text.pdf', pdf)).status).toBe('tagged');
    const wrong = await outcome(p, 'uploads/typed-as-pdf.pdf', html);
    expect(wrong.status).toBe('failed');
    expect(wrong.reason).toMatch(/^not-pdf/);
  });

  it('records a PDF with invalid upload metadata as failed with the problems, and tags it once re-uploaded with valid metadata', async () => {
    const bytes = await textPdf('Metadata mistakes');
    await p.runtime.s3.send(
      new PutObjectCommand({
        Bucket: p.runtime.bucket,
        Key: 'uploads/bad-metadata.pdf',
        Body: bytes,
        ContentType: 'application/pdf',
        Metadata: { 'meeting-date': '2023-02-30', type: 'poem' },
      }),
    );
    await p.runtime.idle();
    const seen = await outcome(p, 'uploads/bad-metadata.pdf', bytes);
    expect(seen.status).toBe('failed');
    expect(seen.reason).toMatch(/^invalid upload metadata: .*type.*meetingDate|^invalid upload metadata: .*meetingDate.*type/);
    await p.upload('uploads/good-metadata.pdf', bytes, { type: 'declaration', meetingDate: '2023-02-28' });
    await p.runtime.idle();
    const fixed = await outcome(p, 'uploads/good-metadata.pdf', bytes);
    expect(fixed.status).toBe('tagged');
    expect(fixed.body).toMatchObject({ type: 'declaration', meetingDate: '2023-02-28', reason: null });
  });

  it('stores the same bytes under two keys as one document listing both keys', async () => {
    const bytes = await textPdf('Uploaded twice');
    await p.upload('uploads/Bali-Process/copy one.pdf', bytes);
    await p.upload('uploads/GFMD/copy two.pdf', bytes);
    await p.runtime.idle();
    const seen = await outcome(p, 'uploads/GFMD/copy two.pdf', bytes);
    expect(seen.status).toBe('tagged');
    expect([...seen.keys].sort()).toEqual(['uploads/Bali-Process/copy one.pdf', 'uploads/GFMD/copy two.pdf']);
    const all = (await p.get('/documents?limit=100')).body.items.filter((d: { documentId: string }) => d.documentId === sha(bytes));
    expect(all).toHaveLength(1);
    // One version item for both keys, nothing written per paragraph.
    const items = await p.runtime.db.send(
      new QueryCommand({
        TableName: p.runtime.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `DOC#${sha(bytes)}`, ':p': 'V#' },
      }),
    );
    expect((items.Items ?? []).filter((i) => i.entity === 'version').map((i) => i.sk)).toEqual([`V#${seen.body.currentVersion}`]);
    expect((await p.runtime.repo.getVersion(sha(bytes), seen.body.currentVersion))?.paragraphCount).toBe(seen.body.paragraphCount);
  });

  it('skips an object deleted before its event is processed, recording nothing and dead-lettering nothing', async () => {
    const key = 'uploads/withdrawn.pdf';
    const bytes = await textPdf('Withdrawn before processing');
    // Hold the ingest read of this key until the object has been deleted.
    const real = p.runtime.ingestDeps.objects;
    let release!: () => void;
    const deleted = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    const gated: ObjectStore = {
      get: async (bucket, k, opts) => {
        if (k === key) {
          held++;
          await deleted;
        }
        return real.get(bucket, k, opts);
      },
      sha256: (bucket, k, v) => real.sha256(bucket, k, v),
    };
    p.runtime.ingestDeps.objects = gated;
    try {
      await p.upload(key, bytes);
      await expect.poll(() => held).toBe(1);
      await p.runtime.s3.send(new DeleteObjectCommand({ Bucket: p.runtime.bucket, Key: key }));
      release();
      await p.runtime.idle();
    } finally {
      p.runtime.ingestDeps.objects = real;
    }
    expect(await p.runtime.repo.documentIdForKey(key)).toBeUndefined();
    expect((await p.get(`/documents/${sha(bytes)}`)).status).toBe(404);
    expect(p.runtime.queue.deadLetters).toEqual([]);
  });
});

describe('bad input over the limits (pages, bytes, parse time)', () => {
  let p: TestPipeline;
  const LIMITS = { maxPages: 20, maxBytes: 400_000, timeoutMs: 1_000 };

  beforeAll(async () => {
    p = await startTestPipeline({ limits: LIMITS });
  });
  afterAll(() => p?.stop());

  it('records a PDF over the page limit as failed (too-many-pages)', async () => {
    const bytes = await makeLongPdf(LIMITS.maxPages + 5);
    expect(bytes.byteLength).toBeLessThan(LIMITS.maxBytes);
    await p.upload('uploads/long report.pdf', bytes);
    await p.runtime.idle();
    const seen = await outcome(p, 'uploads/long report.pdf', bytes);
    expect(seen.status).toBe('failed');
    expect(seen.reason).toMatch(/^too-many-pages: .*25 pages.*20/);
  });

  it('records a PDF over the byte limit as failed (too-large) with its size', async () => {
    const pdf = await textPdf('Large annex');
    // A valid PDF followed by padding (a comment after %%EOF): large, but otherwise well formed.
    const bytes = new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(`\n%${randomBytes(LIMITS.maxBytes).toString('hex')}\n`)]));
    await p.upload('uploads/large annex.pdf', bytes);
    await p.runtime.idle();
    const seen = await outcome(p, 'uploads/large annex.pdf', bytes);
    expect(seen.status).toBe('failed');
    expect(seen.reason).toMatch(/^too-large: object is \d+ bytes, over the 400000-byte limit/);
    expect(seen.body.byteLength).toBe(bytes.byteLength);
  });

  it('records a PDF whose parse runs past the time limit as failed (timeout), and the pipeline keeps going', async () => {
    // Seconds of pdf.js work on any machine, so the 1 s limit is always what stops it.
    const slow = await makeSlowToParsePdf();
    const fine = await textPdf('Small document after the slow one');
    expect(slow.byteLength).toBeLessThan(LIMITS.maxBytes);
    await p.upload('uploads/slow.pdf', slow);
    await p.upload('uploads/after-slow.pdf', fine);
    await p.runtime.idle();
    const seen = await outcome(p, 'uploads/slow.pdf', slow);
    expect(seen.status).toBe('failed');
    expect(seen.reason).toMatch(/^timeout: .*1000 ms/);
    expect((await outcome(p, 'uploads/after-slow.pdf', fine)).status).toBe('tagged');
  });
});
