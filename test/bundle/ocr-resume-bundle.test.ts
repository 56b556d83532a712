/**
 * The Textract path through the Lambda bundles as shipped, each run by a fresh `node` with nothing
 * but its directory, configured by the environment the stack sets (GCM_OCR=textract, topic and
 * role ARNs): the ingest bundle starts a job on a scanned upload, the OCR resume bundle takes the
 * completion from SQS and tags the document, and takes the time-limit event. Textract is a local
 * stand-in speaking its JSON protocol; S3 and DynamoDB are the emulators.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isBuiltin } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDocumentRepository } from '../../shared/adapters/dynamodb/document-repository';
import { buildFunctionBundle } from '../../infra/bundle-sizes';
import { makePdf } from '../helpers/pdf-fixtures';
import { toImageOnlyPdf } from '../helpers/scan-fixtures';
import { startLocalServices, type LocalServices } from '../helpers/local-services';
import { blocksFor, completionBatch, textractCompletion, wrap } from '../helpers/textract-fake';
import { startTextractStandIn, type TextractStandIn } from '../helpers/textract-server';
import { localServicesEnv, noNodeModulesAbove, runDriver, taggedJson } from './run-bundle';
import { S3ExtractionCache } from '../../shared/adapters/s3/extraction-cache';
import { storedParagraphs } from '../helpers/stored-paragraphs';

const TEXT = [
  'States will strengthen cooperation to prevent trafficking in persons and to protect and assist its victims.',
  'They will also reduce the cost of remittances sent by migrant workers to their families.',
];
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:gcm-textract-completions';
const ROLE = 'arn:aws:iam::111122223333:role/gcm-textract-publish';

const DRIVER = `
import { handler } from './index.mjs';
const result = await handler(JSON.parse(process.env.TEST_EVENT), { awsRequestId: 'bundle-test' });
console.log('RESULT ' + JSON.stringify(result));
process.exit(0);
`;

describe('Textract path through the Lambda bundles', () => {
  const dirs = { ingest: '', resume: '' };
  let services: LocalServices;
  let textract: TextractStandIn;
  let env: Record<string, string>;

  beforeAll(async () => {
    dirs.ingest = mkdtempSync(path.join(tmpdir(), 'gcm-ingest-textract-'));
    dirs.resume = mkdtempSync(path.join(tmpdir(), 'gcm-ocr-resume-'));
    await buildFunctionBundle('ingest', dirs.ingest);
    const built = await buildFunctionBundle('ocr-resume', dirs.resume);
    expect(Object.values(built.runtimeImports).flat().filter((i) => !isBuiltin(i))).toEqual([]);
    services = await startLocalServices({ bucket: 'gcm-textract-bundle' });
    textract = await startTextractStandIn();
    env = {
      ...localServicesEnv(services),
      GCM_OCR: 'textract',
      GCM_TEXTRACT_TOPIC_ARN: TOPIC,
      GCM_TEXTRACT_ROLE_ARN: ROLE,
      GCM_TEXTRACT_ENDPOINT: textract.endpoint,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    };
  }, 240_000);

  afterAll(async () => {
    await textract?.stop();
    await services?.stop();
    for (const dir of Object.values(dirs)) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts a Textract job from the ingest bundle, resumes the document from the resume bundle, and runs the time limit', async () => {
    expect(noNodeModulesAbove(dirs.resume)).toBe(true);
    expect(existsSync(path.join(dirs.resume, 'extract-worker.mjs'))).toBe(true);
    const scan = await toImageOnlyPdf(await makePdf({ pages: [{ paragraphs: TEXT }] }));
    const documentId = createHash('sha256').update(scan).digest('hex');
    const key = 'uploads/bali/scanned declaration.pdf';
    await services.s3.send(new PutObjectCommand({ Bucket: services.bucket, Key: key, Body: scan, ContentType: 'application/pdf' }));

    textract.answer = ({ operation }) => (operation === 'StartDocumentTextDetection' ? { body: { JobId: 'job-from-bundle' } } : { status: 400, body: { __type: 'InvalidJobIdException', message: 'unexpected' } });
    const s3Event = { Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: services.bucket }, object: { key: key.replace(/ /g, '+'), size: scan.byteLength } } }] };
    const ingest = await runDriver(dirs.ingest, 'drive-ingest.mjs', DRIVER, {
      ...env,
      TEST_EVENT: JSON.stringify(completionBatch([JSON.stringify(s3Event)])),
      GCM_EXTRACT_WORKER_PATH: path.join(dirs.ingest, 'extract-worker.mjs'),
    });
    expect(taggedJson(ingest, 'RESULT')).toEqual({ batchItemFailures: [] });
    expect(textract.calls).toEqual([
      {
        operation: 'StartDocumentTextDetection',
        body: {
          DocumentLocation: { S3Object: { Bucket: services.bucket, Name: key } },
          NotificationChannel: { SNSTopicArn: TOPIC, RoleArn: ROLE },
          JobTag: documentId,
          ClientRequestToken: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      },
    ]);
    const repo = new DynamoDocumentRepository({ client: services.dynamo.doc, table: services.table, cursorSecret: 'bundle-test' });
    expect(await repo.getDocument(documentId)).toMatchObject({ status: 'ocr-pending', ocrJob: { jobId: 'job-from-bundle', pages: [1] } });

    textract.calls.length = 0;
    textract.answer = ({ operation, body }) =>
      operation === 'GetDocumentTextDetection' && body.JobId === 'job-from-bundle'
        ? { body: { JobStatus: 'SUCCEEDED', Blocks: blocksFor(1, TEXT.map((t) => wrap(t))) } }
        : { status: 400, body: { __type: 'InvalidJobIdException', message: 'unexpected' } };
    const completion = textractCompletion({ jobId: 'job-from-bundle', documentId, bucket: services.bucket, key });
    const resumed = await runDriver(dirs.resume, 'drive-resume.mjs', DRIVER, {
      ...env,
      TEST_EVENT: JSON.stringify(completionBatch([completion])),
      GCM_EXTRACT_WORKER_PATH: path.join(dirs.resume, 'extract-worker.mjs'),
    });
    expect(taggedJson(resumed, 'RESULT')).toEqual({ batchItemFailures: [] });
    expect(textract.calls.map((c) => c.operation)).toEqual(['GetDocumentTextDetection']);
    const doc = (await repo.getDocument(documentId))!;
    expect(doc).toMatchObject({ status: 'tagged', ocr: { engine: 'textract-DetectDocumentText-1', pages: [1] } });
    // Paragraph text is read from the extraction cache the bundle wrote, tags from the version item.
    const paragraphs = await storedParagraphs(repo, new S3ExtractionCache(services.s3, services.bucket, 'cache/'), documentId, doc.currentVersion!);
    expect(paragraphs.map((p) => [p.text, p.source])).toEqual(TEXT.map((t) => [t, 'ocr']));
    expect(paragraphs.flatMap((p) => p.tags.map((t) => t.element))).toContain('k');

    const swept = await runDriver(dirs.resume, 'drive-time-limit.mjs', DRIVER, { ...env, TEST_EVENT: JSON.stringify({ task: 'expire-overdue-ocr' }) });
    expect(taggedJson(swept, 'RESULT')).toEqual({ expired: [] });
  }, 120_000);
});
