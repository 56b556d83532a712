/**
 * The Lambda entry points, composed by shared/runtime/lambda.ts from the environment, run against
 * the emulators: an SQS batch of S3 notifications in, an API Gateway HTTP API event through Hono.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { makePdf } from '../../helpers/pdf-fixtures';
import { startLocalServices, type LocalServices } from '../../helpers/local-services';
import { putPdf } from '../../../shared/local/upload';
import { encodeS3EventKey } from '../../../shared/adapters/s3/events';

let svc: LocalServices;
const saved = { ...process.env };

beforeAll(async () => {
  svc = await startLocalServices({ bucket: 'gcm-lambda' });
  Object.assign(process.env, {
    GCM_BUCKET: svc.bucket,
    GCM_TABLE: svc.table,
    GCM_S3_ENDPOINT: svc.s3Endpoint,
    GCM_DYNAMODB_ENDPOINT: svc.dynamoEndpoint,
    GCM_MAX_RECEIVE_COUNT: '2',
    AWS_REGION: 'us-east-1',
  });
});
afterAll(async () => {
  process.env = saved;
  await svc?.stop();
});

function sqsEvent(key: string, receiveCount: number, id = 'm1'): SQSEvent {
  const s3Event = {
    Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: svc.bucket }, object: { key: encodeS3EventKey(key) } } }],
  };
  return {
    Records: [
      {
        messageId: id,
        receiptHandle: id,
        body: JSON.stringify(s3Event),
        attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
        awsRegion: 'us-east-1',
      },
    ],
  };
}

/** An API Gateway HTTP API (payload 2.0) event, typed by @types/aws-lambda and handed to Hono's adapter. */
function httpEvent(rawPath: string, rawQueryString = ''): LambdaEvent {
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'api.example' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  };
  return event as unknown as LambdaEvent;
}

describe('Lambda handlers', () => {
  it('ingests an S3 notification from SQS (key with spaces, URL-encoded as S3 does) and serves it through the API handler', async () => {
    const bytes = await makePdf({ pages: [{ paragraphs: ['States will combat trafficking in persons and prosecute traffickers and smugglers of migrants.'] }] });
    const key = 'uploads/Bali Process/ministerial declaration (2023).pdf';
    await putPdf(svc.s3, { bucket: svc.bucket, key, body: bytes, metadata: { type: 'declaration' } });
    const { handler: ingest } = await import('../../../functions/ingest/handler');
    const res = await ingest(sqsEvent(key, 1));
    expect(res.batchItemFailures).toEqual([]);

    const { handler: api } = await import('../../../functions/api/handler');
    const id = createHash('sha256').update(bytes).digest('hex');
    const doc = await api(httpEvent(`/documents/${id}`));
    expect(doc.statusCode).toBe(200);
    expect(JSON.parse(doc.body)).toMatchObject({ status: 'tagged', key, process: 'Bali Process', type: 'declaration' });
    const list = await api(httpEvent('/elements/k/documents', 'limit=5'));
    expect(JSON.parse(list.body).items.map((d: { documentId: string }) => d.documentId)).toEqual([id]);
    const bad = await api(httpEvent('/elements/k/documents', 'limit=0'));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.ts/);
  });

  it('publishes CloudWatch metrics (Embedded Metric Format) for each outcome', async () => {
    const bytes = await makePdf({ pages: [{ paragraphs: ['Participants discussed ways to lower the cost of remittances sent home by migrant workers.'] }] });
    await putPdf(svc.s3, { bucket: svc.bucket, key: 'uploads/metrics.pdf', body: bytes, metadata: {} });
    await putPdf(svc.s3, { bucket: svc.bucket, key: 'uploads/broken.pdf', body: new TextEncoder().encode('not a pdf at all'), metadata: {} });
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const { handler: ingest } = await import('../../../functions/ingest/handler');
      const event = sqsEvent('uploads/metrics.pdf', 1, 'm-ok');
      event.Records.push(sqsEvent('uploads/broken.pdf', 1, 'm-broken').Records[0]);
      expect((await ingest(event)).batchItemFailures).toEqual([]);
    } finally {
      spy.mockRestore();
    }
    const emf = lines.flatMap((l) => l.split('\n')).filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l));
    expect(emf).toHaveLength(1);
    const names = emf[0]._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name);
    expect(names).toEqual(expect.arrayContaining(['DocumentsTagged', 'DocumentsFailed', 'ParagraphsTagged', 'IngestDuration']));
    expect(emf[0]._aws.CloudWatchMetrics[0].Namespace).toBe('GcmTagger');
    expect(emf[0].DocumentsTagged).toBe(1);
    expect(emf[0].DocumentsFailed).toBe(1);
  });

  it('reports a message whose object cannot be read as a batch item failure, and skips a deleted object', async () => {
    const { handler: ingest } = await import('../../../functions/ingest/handler');
    const gone = await ingest(sqsEvent('uploads/never-uploaded.pdf', 1, 'gone'));
    expect(gone.batchItemFailures).toEqual([]); // the object no longer exists: nothing to record, nothing to retry
    const malformed = sqsEvent('x', 1, 'bad');
    malformed.Records[0].body = '{"not":"an s3 event"}';
    expect((await ingest(malformed)).batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
  });
});
