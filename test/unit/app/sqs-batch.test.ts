import { describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { handleSqsBatch } from '../../../shared/app/sqs-batch';
import type { ObjectRef } from '../../../shared/adapters/s3/events';

const s3Body = (key: string) =>
  JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key } } }] });

function event(...bodies: Array<[string, string, number]>): SQSEvent {
  return {
    Records: bodies.map(([messageId, body, receiveCount]) => ({
      messageId,
      receiptHandle: messageId,
      body,
      attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn',
      awsRegion: 'us-east-1',
    })),
  };
}

describe('handleSqsBatch', () => {
  it('reports only the failing messages and keeps processing the rest', async () => {
    const seen: ObjectRef[] = [];
    const res = await handleSqsBatch(
      event(['1', s3Body('uploads/a+b.pdf'), 1], ['2', s3Body('uploads/bad.pdf'), 1], ['3', s3Body('uploads/c.pdf'), 1]),
      async (ref) => {
        if (ref.key === 'uploads/bad.pdf') throw new Error('boom');
        seen.push(ref);
      },
      { maxReceiveCount: 3 },
    );
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(seen.map((r) => r.key)).toEqual(['uploads/a b.pdf', 'uploads/c.pdf']);
  });

  it('marks the delivery at maxReceiveCount as the final attempt', async () => {
    const finals: boolean[] = [];
    await handleSqsBatch(event(['1', s3Body('k1'), 2], ['2', s3Body('k2'), 3], ['3', s3Body('k3'), 7]), async (_ref, ctx) => void finals.push(ctx.finalAttempt), {
      maxReceiveCount: 3,
    });
    expect(finals).toEqual([false, true, true]);
  });

  it("ignores S3's test event and fails messages that are not JSON or not S3 events", async () => {
    let calls = 0;
    const res = await handleSqsBatch(
      event(['t', JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }), 1], ['x', 'not json', 1], ['y', '{"Records": 3}', 1]),
      async () => void calls++,
      { maxReceiveCount: 3 },
    );
    expect(calls).toBe(0);
    expect(res.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['x', 'y']);
  });
});
