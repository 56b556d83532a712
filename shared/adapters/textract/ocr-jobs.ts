/**
 * OcrJobs on Amazon Textract's asynchronous text detection. StartDocumentTextDetection reads the
 * uploaded object in place (with the caller's S3 rights) and publishes its completion to the SNS
 * topic through the role Textract assumes; GetDocumentTextDetection pages through what it found.
 */
import {
  GetDocumentTextDetectionCommand,
  StartDocumentTextDetectionCommand,
  type Block,
  type TextractClient,
} from '@aws-sdk/client-textract';
import type { OcrJobResult, OcrJobs } from '../../app/ports';
import { TEXTRACT_ENGINE_VERSION, textractToReading } from './blocks';

export interface TextractNotificationChannel {
  topicArn: string;
  /** The role Textract assumes to publish to the topic. */
  roleArn: string;
}

/** GetDocumentTextDetection returns at most 1,000 blocks a call. */
const PAGE_SIZE = 1000;

export class TextractOcrJobs implements OcrJobs {
  readonly engineVersion = TEXTRACT_ENGINE_VERSION;

  constructor(
    private readonly client: Pick<TextractClient, 'send'>,
    private readonly channel: TextractNotificationChannel,
  ) {}

  async start(job: { bucket: string; key: string; versionId?: string; documentId: string; token: string }): Promise<string> {
    const res = await this.client.send(
      new StartDocumentTextDetectionCommand({
        DocumentLocation: { S3Object: { Bucket: job.bucket, Name: job.key, ...(job.versionId ? { Version: job.versionId } : {}) } },
        NotificationChannel: { SNSTopicArn: this.channel.topicArn, RoleArn: this.channel.roleArn },
        JobTag: job.documentId,
        ClientRequestToken: job.token,
      }),
    );
    if (!res.JobId) throw new Error('Textract started a job without returning its id');
    return res.JobId;
  }

  async result(jobId: string, pages: number[]): Promise<OcrJobResult> {
    const wanted = new Set(pages);
    // Only the blocks of wanted pages are kept: a long document's text pages can be many thousand blocks.
    const blocks: Block[] = [];
    const warnings: string[] = [];
    let nextToken: string | undefined;
    do {
      const res = await this.client.send(new GetDocumentTextDetectionCommand({ JobId: jobId, MaxResults: PAGE_SIZE, NextToken: nextToken }));
      if (res.JobStatus === 'IN_PROGRESS') return { status: 'running' };
      if (res.JobStatus === 'FAILED') return { status: 'failed', reason: res.StatusMessage || 'Textract gave no reason' };
      for (const block of res.Blocks ?? []) if (wanted.has(block.Page ?? 1)) blocks.push(block);
      for (const w of res.Warnings ?? []) if (w.ErrorCode && (w.Pages ?? []).some((p) => wanted.has(p))) warnings.push(`Textract: ${w.ErrorCode} on pages ${(w.Pages ?? []).join(', ')}`);
      nextToken = res.NextToken;
    } while (nextToken);
    const reading = textractToReading(blocks, pages, this.engineVersion);
    return { status: 'succeeded', reading: { ...reading, notes: [...new Set(warnings)] } };
  }
}
