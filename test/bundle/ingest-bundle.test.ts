/**
 * The ingest Lambda bundle works on its own. It is built with the stack's own esbuild options
 * (infra/bundling/options.ts) into a temporary directory that has no node_modules anywhere above
 * it, and run by a fresh `node` process: a missing dependency, the pdf.js "DOMMatrix is not
 * defined" crash or a missing pdf.js worker would all fail here as they would on Lambda.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isBuiltin } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { build } from 'esbuild';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDocumentRepository } from '../../shared/adapters/dynamodb/document-repository';
import { S3ExtractionCache } from '../../shared/adapters/s3/extraction-cache';
import { storedParagraphs } from '../helpers/stored-paragraphs';
import { extractInProcess } from '../../shared/core/extract';
import { loadClassifier } from '../../shared/core/classify';
import { startLocalServices, type LocalServices } from '../helpers/local-services';
import { localServicesEnv, noNodeModulesAbove, runDriver, taggedJson } from './run-bundle';
import { buildFunctionBundle } from '../../infra/bundle-sizes';
import { FUNCTION_BUNDLES, esbuildOptions } from '../../infra/bundling/options';

/** Text that the classifier must recognise: migrant smuggling and trafficking in persons. */
const PARAGRAPHS = [
  'Chair’s Summary of the Ministerial Meeting',
  '1. Participating States agreed to strengthen the transnational response to smuggling of migrants, including through joint investigations and the prosecution of smugglers.',
  '2. They committed to prevent, combat and eradicate trafficking in persons in the context of international migration, and to identify and protect victims of trafficking.',
  '3. They further agreed to cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration.',
];

async function makePdf(paragraphs: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 72, info: { Title: 'Bundle test' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const p of paragraphs) doc.fontSize(11).text(p, { align: 'left' }).moveDown();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('ingest bundle (as shipped to Lambda)', () => {
  let dir: string;
  let pdfPath: string;
  let runtimeImports: Record<string, string[]>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gcm-ingest-bundle-'));
    ({ runtimeImports } = await buildFunctionBundle('ingest', dir));
    pdfPath = path.join(dir, 'test.pdf');
    writeFileSync(pdfPath, await makePdf(PARAGRAPHS));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is a self-contained directory: handler, extraction worker, nothing to resolve', () => {
    expect(noNodeModulesAbove(dir)).toBe(true);
    expect(existsSync(path.join(dir, 'index.mjs'))).toBe(true);
    expect(existsSync(path.join(dir, 'extract-worker.mjs'))).toBe(true);
    // Every import esbuild left unbundled is a Node built-in.
    expect(Object.keys(runtimeImports).sort()).toEqual(['extract-worker.mjs', 'index.mjs']);
    for (const [file, imports] of Object.entries(runtimeImports)) {
      expect(imports.length, file).toBeGreaterThan(0);
      expect(imports.filter((i) => !isBuiltin(i)), file).toEqual([]);
    }
  });

  it('extracts numbered paragraphs from a generated PDF in the bundled worker thread', async () => {
    const stdout = await runDriver(
      dir,
      'drive-worker.mjs',
      `
      import { Worker } from 'node:worker_threads';
      import { readFileSync } from 'node:fs';
      const worker = new Worker(new URL('./extract-worker.mjs', import.meta.url));
      const bytes = new Uint8Array(readFileSync(${JSON.stringify(pdfPath)}));
      worker.on('error', (e) => { console.error(e); process.exit(2); });
      worker.on('message', (m) => {
        if (m.type === 'ready') return worker.postMessage({ id: 1, bytes, limits: { maxBytes: 1e8, maxPages: 50, timeoutMs: 30000 } });
        console.log(JSON.stringify(m.result));
        worker.terminate();
      });
      `,
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result.outcome).toBe('ok');
    expect(result.document.facts.pageCount).toBe(1);
    const texts: string[] = result.document.paragraphs.map((p: { text: string }) => p.text);
    expect(texts.some((t) => t.includes('smuggling of migrants'))).toBe(true);
    expect(texts.some((t) => t.includes('trafficking in persons'))).toBe(true);
    expect(result.document.paragraphs.map((p: { number: string | null }) => p.number)).toEqual(expect.arrayContaining(['1', '2', '3']));
  });

  it('needs the pdf.js shim: the same worker bundled without it crashes with "DOMMatrix is not defined"', async () => {
    const bare = path.join(dir, 'without-shim');
    await build(esbuildOptions({ ...FUNCTION_BUNDLES.ingest.extraFiles[0], shim: 'none' }, bare));
    const stdout = await runDriver(
      bare,
      'drive-bare.mjs',
      `
      import { Worker } from 'node:worker_threads';
      const worker = new Worker(new URL('./extract-worker.mjs', import.meta.url));
      worker.on('error', (e) => { console.log(JSON.stringify({ error: e.message })); });
      worker.on('message', (m) => { console.log(JSON.stringify(m)); worker.terminate(); });
      `,
    );
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ error: 'DOMMatrix is not defined' });
  });

  describe('handler against the local emulators', () => {
    let services: LocalServices;
    beforeAll(async () => {
      services = await startLocalServices();
    }, 60_000);
    afterAll(async () => {
      await services?.stop();
    });

    it('takes an SQS batch of S3 events, extracts and tags the PDF and stores it, as the source does', async () => {
      const key = 'uploads/rabat/bundle-test.pdf';
      const bytes = readFileSync(pdfPath);
      await services.s3.send(new PutObjectCommand({ Bucket: services.bucket, Key: key, Body: bytes, ContentType: 'application/pdf' }));
      const event = sqsEventFor(services.bucket, key, bytes.byteLength);

      const stdout = await runDriver(
        dir,
        'drive-handler.mjs',
        `
        import { handler } from './index.mjs';
        const result = await handler(JSON.parse(process.env.TEST_EVENT), { awsRequestId: 'bundle-test', functionName: 'ingest' });
        console.log('RESULT ' + JSON.stringify(result));
        process.exit(0);
        `,
        {
          TEST_EVENT: JSON.stringify(event),
          ...localServicesEnv(services),
          GCM_EXTRACT_WORKER_PATH: path.join(dir, 'extract-worker.mjs'),
          POWERTOOLS_SERVICE_NAME: 'gcm-tagger-ingest',
          POWERTOOLS_LOG_LEVEL: 'WARN',
        },
      );
      expect(taggedJson(stdout, 'RESULT')).toEqual({ batchItemFailures: [] });

      const repo = new DynamoDocumentRepository({ client: services.dynamo.doc, table: services.table, cursorSecret: 'bundle-test' });
      const documentId = await repo.documentIdForKey(key);
      expect(documentId).toBeDefined();
      const doc = (await repo.getDocument(documentId!))!;
      expect(doc.status).toBe('tagged');
      const stored = await storedParagraphs(repo, new S3ExtractionCache(services.s3, services.bucket, 'cache/'), documentId!, doc.currentVersion!);

      // The same PDF through the source modules (no bundle) gives the same paragraphs and tags.
      const expected = await extractInProcess(new Uint8Array(bytes));
      if (expected.outcome !== 'ok') throw new Error(`source extraction failed: ${expected.outcome}`);
      const classifier = loadClassifier();
      expect(stored.map((p) => p.text)).toEqual(expected.document.paragraphs.map((p) => p.text));
      const storedElements = stored.map((p) => p.tags.map((t) => t.element).sort());
      // Classified whole, as ingestion does (the migration-context gate reads the whole document).
      const sourceElements = classifier.classifyDocument(expected.document.paragraphs, { title: expected.document.facts.title }).paragraphs.map((tags) => tags.map((t) => t.element).sort());
      expect(storedElements).toEqual(sourceElements);
      expect(storedElements.flat().length).toBeGreaterThan(0);
    });
  });
});

/** What Lambda hands the ingest function: one SQS message whose body is an S3 event notification. */
function sqsEventFor(bucket: string, key: string, size: number) {
  const s3Event = {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: { s3SchemaVersion: '1.0', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key, size, eTag: 'x' } },
      },
    ],
  };
  return {
    Records: [
      {
        messageId: 'm-1',
        receiptHandle: 'r-1',
        body: JSON.stringify(s3Event),
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 's3', ApproximateFirstReceiveTimestamp: String(Date.now()) },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:ingest',
        awsRegion: 'us-east-1',
      },
    ],
  };
}
