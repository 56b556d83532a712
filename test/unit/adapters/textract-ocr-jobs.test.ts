/**
 * The Textract adapter through the real SDK client, against a local HTTP stand-in that answers
 * Textract's JSON protocol (X-Amz-Target: Textract.<Operation>): what is sent to start a job, how
 * the pages of results are followed and filtered, and how job states come back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '@aws-sdk/client-textract';
import { createTextractClient } from '../../../shared/adapters/textract/client';
import { TextractOcrJobs } from '../../../shared/adapters/textract/ocr-jobs';
import { TEXTRACT_ENGINE_VERSION } from '../../../shared/adapters/textract/blocks';
import { blocksFor, wrap } from '../../helpers/textract-fake';
import { startTextractStandIn, type TextractStandIn } from '../../helpers/textract-server';

let textract: TextractStandIn;
beforeAll(async () => {
  textract = await startTextractStandIn();
});
afterAll(() => textract?.stop());

const channel = { topicArn: 'arn:aws:sns:us-east-1:111122223333:textract-done', roleArn: 'arn:aws:iam::111122223333:role/textract-publish' };
const jobs = () => new TextractOcrJobs(createTextractClient({ region: 'us-east-1', endpoint: textract.endpoint }), channel);
const DOC = 'ab'.repeat(32);

describe('TextractOcrJobs', () => {
  it('starts text detection on the object version, tagged with the document, announced on the topic through the role, with the request token', async () => {
    textract.calls.length = 0;
    textract.answer = () => ({ body: { JobId: 'a1b2c3' } });
    const jobId = await jobs().start({ bucket: 'gcm-uploads', key: 'uploads/rabat/déclaration 2023.pdf', versionId: 'v-7', documentId: DOC, token: 'f'.repeat(64) });
    expect(jobId).toBe('a1b2c3');
    expect(textract.calls).toEqual([
      {
        operation: 'StartDocumentTextDetection',
        body: {
          DocumentLocation: { S3Object: { Bucket: 'gcm-uploads', Name: 'uploads/rabat/déclaration 2023.pdf', Version: 'v-7' } },
          NotificationChannel: { SNSTopicArn: channel.topicArn, RoleArn: channel.roleArn },
          JobTag: DOC,
          ClientRequestToken: 'f'.repeat(64),
        },
      },
    ]);
  });

  it('leaves the version out for an unversioned object', async () => {
    textract.calls.length = 0;
    textract.answer = () => ({ body: { JobId: 'j' } });
    await jobs().start({ bucket: 'b', key: 'uploads/x.pdf', documentId: DOC, token: 't' });
    expect(textract.calls[0].body.DocumentLocation).toEqual({ S3Object: { Bucket: 'b', Name: 'uploads/x.pdf' } });
  });

  it('follows every page of results and keeps the wanted pages only, each of them, with warnings on those pages', async () => {
    textract.calls.length = 0;
    const all: Block[] = [...blocksFor(1, [wrap('A text page Textract also read.')]), ...blocksFor(2, [wrap('States will protect the rights of all migrants regardless of status.')])];
    const pages = [all.slice(0, 3), all.slice(3, 7), all.slice(7)];
    textract.answer = ({ body }) => {
      const i = body.NextToken ? Number(body.NextToken) : 0;
      return {
        body: {
          JobStatus: 'SUCCEEDED',
          Blocks: pages[i],
          ...(i < pages.length - 1 ? { NextToken: String(i + 1) } : {}),
          ...(i === 0 ? { Warnings: [{ ErrorCode: 'LOW_RESOLUTION', Pages: [2] }, { ErrorCode: 'OTHER', Pages: [1] }] } : {}),
        },
      };
    };
    const result = await jobs().result('job-9', [2, 3]);
    expect(textract.calls.map((c) => c.body)).toEqual([
      { JobId: 'job-9', MaxResults: 1000 },
      { JobId: 'job-9', MaxResults: 1000, NextToken: '1' },
      { JobId: 'job-9', MaxResults: 1000, NextToken: '2' },
    ]);
    expect(result.status).toBe('succeeded');
    if (result.status !== 'succeeded') return;
    expect(result.reading.engineVersion).toBe(TEXTRACT_ENGINE_VERSION);
    // Page 3 was wanted but held nothing: it is there, empty, so it counts as read.
    expect(result.reading.pages.map((p) => [p.page, p.lines.map((l) => l.words.map((w) => w.text).join(' '))])).toEqual([
      [2, ['States will protect the rights of all migrants regardless of status.']],
      [3, []],
    ]);
    expect(result.reading.pages[0].lines[0].words[0]).toMatchObject({ text: 'States', confidence: 0.98 });
    expect(result.reading.notes).toEqual(['Textract: LOW_RESOLUTION on pages 2']);
  });

  it('reports a failed job with Textract\'s status message, and a job still running as running', async () => {
    textract.answer = () => ({ body: { JobStatus: 'FAILED', StatusMessage: 'Request has unsupported document format' } });
    expect(await jobs().result('j', [1])).toEqual({ status: 'failed', reason: 'Request has unsupported document format' });
    textract.answer = () => ({ body: { JobStatus: 'IN_PROGRESS' } });
    expect(await jobs().result('j', [1])).toEqual({ status: 'running' });
  });

  it('lets a service error through with its name, for the queue to retry', async () => {
    textract.answer = () => ({ status: 400, body: { __type: 'InvalidJobIdException', message: 'no such job' } });
    await expect(jobs().result('nope', [1])).rejects.toMatchObject({ name: 'InvalidJobIdException' });
  });
});
