/**
 * The time limit on OCR jobs: a document still `ocr-pending` past it (a lost notification, a job
 * the engine never finished) is recorded `failed` with the reason, so no document waits for ever.
 * Run on a schedule on AWS. A completion that still arrives for that job resumes the document all
 * the same (the pages were read); `gcm reprocess --failed` starts a new job otherwise.
 */
import type { DocumentRepository } from '../ports';
import type { DocumentRecord } from '../types';
import { DEFAULT_OCR_TIME_LIMIT_MS } from './request';

export interface OcrTimeLimitDeps {
  repo: DocumentRepository;
  ocrTimeLimitMs?: number;
  now?: () => Date;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

/** The event the schedule sends the resume function on AWS (infra/constructs/textract-ocr.ts). */
export const TIME_LIMIT_EVENT = { task: 'expire-overdue-ocr' } as const;

/** Records every overdue `ocr-pending` document failed; returns their ids. */
export async function expireOverdueOcr(deps: OcrTimeLimitDeps): Promise<string[]> {
  const now = (deps.now?.() ?? new Date()).getTime();
  const limitMs = deps.ocrTimeLimitMs ?? DEFAULT_OCR_TIME_LIMIT_MS;
  const overdue: DocumentRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.repo.listByStatus('ocr-pending', 100, cursor);
    for (const doc of page.items) if (doc.ocrJob && now - Date.parse(doc.ocrJob.startedAt) >= limitMs) overdue.push(doc);
    cursor = page.nextCursor;
  } while (cursor);
  const expired: string[] = [];
  for (const doc of overdue) {
    const job = doc.ocrJob!;
    const reason =
      `ocr-timeout: OCR job ${job.jobId} (${job.engine}) of pages ${job.pages.join(', ')}, started ${job.startedAt}, ` +
      `did not finish within ${formatMinutes(limitMs)}; reprocess failed documents to start a new one`;
    if (await deps.repo.expireOcrJob(doc.documentId, job.jobId, reason)) {
      expired.push(doc.documentId);
      deps.log?.('ocr job expired', { documentId: doc.documentId, jobId: job.jobId });
    }
  }
  return expired;
}

function formatMinutes(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
