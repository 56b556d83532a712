/**
 * A stand-in for Amazon Textract at the port (OcrJobs): jobs are started as Textract starts them
 * (the same request token returns the same job), and a finished job returns Textract-shaped blocks
 * built from text the test chose, converted by the real adapter code (textractToReading). Also the
 * SQS message Textract's completion becomes (published to SNS, delivered raw to the queue).
 */
import type { Block } from '@aws-sdk/client-textract';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { TEXTRACT_ENGINE_VERSION, textractToReading } from '../../shared/adapters/textract/blocks';
import type { OcrJobResult, OcrJobs } from '../../shared/app/ports';

export interface StartedJob {
  jobId: string;
  bucket: string;
  key: string;
  versionId?: string;
  documentId: string;
  token: string;
}

/** Paragraphs of a page, each a list of printed lines. */
export type PageText = string[][];

export class FakeTextract implements OcrJobs {
  readonly engineVersion = TEXTRACT_ENGINE_VERSION;
  /** Every StartDocumentTextDetection call, including repeats of a token. */
  readonly startCalls: StartedJob[] = [];
  /** Every GetDocumentTextDetection job read. */
  readonly resultCalls: string[] = [];
  private readonly jobs = new Map<string, StartedJob>();
  private readonly byToken = new Map<string, string>();
  /** What each document's pages "say", by document id and page. */
  readonly texts = new Map<string, Record<number, PageText>>();
  /** Documents whose jobs fail, with Textract's StatusMessage. */
  readonly failures = new Map<string, string>();

  async start(job: Omit<StartedJob, 'jobId'>): Promise<string> {
    const jobId = this.byToken.get(job.token) ?? `job-${this.byToken.size + 1}`;
    this.byToken.set(job.token, jobId);
    const started = { ...job, jobId };
    this.jobs.set(jobId, started);
    this.startCalls.push(started);
    return jobId;
  }

  async result(jobId: string, pages: number[]): Promise<OcrJobResult> {
    this.resultCalls.push(jobId);
    const job = this.jobs.get(jobId);
    if (!job) throw new Error(`InvalidJobIdException: ${jobId}`);
    const failure = this.failures.get(job.documentId);
    if (failure) return { status: 'failed', reason: failure };
    const text = this.texts.get(job.documentId) ?? {};
    const blocks = Object.entries(text).flatMap(([page, paragraphs]) => blocksFor(Number(page), paragraphs));
    return { status: 'succeeded', reading: textractToReading(blocks, pages, this.engineVersion) };
  }

  /** Jobs started for a document (distinct job ids). */
  jobsOf(documentId: string): string[] {
    return [...new Set(this.startCalls.filter((s) => s.documentId === documentId).map((s) => s.jobId))];
  }
}

/**
 * Where printed text sits on a US Letter page of the PDF fixtures (72 pt margins, 11/14 pt Times),
 * as fractions of the page: what Textract would report for a scan of such a page.
 */
const PAGE_LAYOUT = { left: 72 / 612, top: 72 / 792, lineHeight: 11 / 792, leading: 14 / 792, paragraphGap: 8 / 792, charWidth: 5 / 612, space: 2.75 / 612 };

/** LINE and WORD blocks for paragraphs of printed lines, laid out as on a printed page. */
export function blocksFor(page: number, paragraphs: PageText, confidence = 97.5): Block[] {
  const L = PAGE_LAYOUT;
  const blocks: Block[] = [];
  let top = L.top;
  paragraphs.forEach((lines, p) => {
    lines.forEach((line, i) => {
      const ids: string[] = [];
      let left = L.left;
      for (const [j, text] of line.split(' ').entries()) {
        const width = L.charWidth * text.length;
        const id = `p${page}-${p}-${i}-${j}`;
        ids.push(id);
        blocks.push({ BlockType: 'WORD', Id: id, Page: page, Text: text, Confidence: confidence, Geometry: { BoundingBox: { Left: left, Top: top, Width: width, Height: L.lineHeight } } });
        left += width + L.space;
      }
      blocks.push({
        BlockType: 'LINE',
        Id: `p${page}-${p}-${i}`,
        Page: page,
        Text: line,
        Confidence: confidence,
        Relationships: [{ Type: 'CHILD', Ids: ids }],
        Geometry: { BoundingBox: { Left: L.left, Top: top, Width: left - L.space - L.left, Height: L.lineHeight } },
      });
      top += L.leading;
    });
    top += L.paragraphGap;
  });
  return blocks;
}

/** Text wrapped into printed lines that fit the fixtures' 468 pt column. */
export function wrap(text: string): string[] {
  const L = PAGE_LAYOUT;
  const column = 468 / 612;
  const widthOf = (line: string) => line.length * L.charWidth + (line.split(' ').length - 1) * (L.space - L.charWidth);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && widthOf(candidate) > column) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Textract's completion notification for a job. */
export function textractCompletion(job: { jobId: string; documentId: string; bucket: string; key: string }, status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED'): string {
  return JSON.stringify({
    JobId: job.jobId,
    Status: status,
    API: 'StartDocumentTextDetection',
    JobTag: job.documentId,
    Timestamp: Date.now(),
    DocumentLocation: { S3ObjectName: job.key, S3Bucket: job.bucket },
  });
}

/** An SQS batch as the resume function receives it from the completion queue. */
export function completionBatch(bodies: string[], receiveCount = 1): SQSEvent {
  return {
    Records: bodies.map(
      (body, i): SQSRecord => ({
        messageId: `m${i}-${Math.random().toString(36).slice(2, 8)}`,
        receiptHandle: `r${i}`,
        body,
        attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'sns', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:gcm-ocr-completions',
        awsRegion: 'us-east-1',
      }),
    ),
  };
}
