/**
 * Planning a run, one page per message: read one page of documents (DynamoDB Query on the status
 * index), create a pending work item for each document in scope that has none yet, send one
 * message per pending item, then send the message for the next page. No invocation ever lists the
 * whole archive, and a redelivered page creates nothing twice (work items are conditional puts).
 */
import type { DocumentRepository } from '../ports';
import type { DocumentRecord } from '../types';
import type { MessageSender, RunStore } from './ports';
import { inScope, parseScope } from './scope';
import { documentMessages, EMPTY_CHANGE, type ReprocessRun, type WorkItem } from './types';

export const PLAN_PAGE_SIZE = 100;

export interface PlanDeps {
  repo: DocumentRepository;
  runs: RunStore;
  sender: MessageSender;
  now?: () => Date;
  pageSize?: number;
  /** Re-tags per document message (DOCUMENTS_PER_MESSAGE). */
  documentsPerMessage?: number;
  /** OCR engine of this worker: `outdated` also selects documents whose scans another engine read. */
  ocrEngine?: string;
}

export async function planPage(deps: PlanDeps, runId: string, cursor?: string): Promise<{ created: number; next?: string }> {
  const run = await deps.runs.getRun(runId);
  if (!run || run.status !== 'running') return { created: 0 };
  const scope = parseScope(run.scope);
  const page = await deps.repo.listByStatus(scope.kind === 'failed' ? 'failed' : undefined, deps.pageSize ?? PLAN_PAGE_SIZE, cursor);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const items = page.items.filter((d) => inScope(scope, d, run.targetVersion, run.extractorVersion, deps.ocrEngine)).map((d) => workItemFor(run, d, at));
  const { created, pending } = await deps.runs.addWorkItems(items);
  if (created) await deps.runs.addCounts(runId, { pending: created, total: created });
  // Documents with scanned pages may be read again by OCR: they go one per message, like parses.
  const scanned = new Set(page.items.filter((d) => d.ocr).map((d) => d.documentId));
  if (pending.length) {
    await deps.sender.send(documentMessages(runId, pending.map((w) => ({ ...w, scanned: scanned.has(w.documentId) })), run.extractorVersion, deps.documentsPerMessage));
  }
  if (page.nextCursor) {
    await deps.runs.savePlanning(runId, { cursor: page.nextCursor, planned: false });
    await deps.sender.send([{ type: 'plan', runId, cursor: page.nextCursor }]);
    return { created, next: page.nextCursor };
  }
  await deps.runs.savePlanning(runId, { planned: true });
  // Every item may already be finished (small scopes): then nobody else will close the run.
  const now = await deps.runs.getRun(runId);
  if (now && now.counts.pending <= 0) await deps.runs.finishRun(runId, 'done');
  return { created };
}

function workItemFor(run: ReprocessRun, doc: DocumentRecord, at: string): WorkItem {
  return {
    runId: run.runId,
    documentId: doc.documentId,
    key: doc.key,
    title: doc.title,
    state: 'pending',
    fromVersion: doc.currentVersion,
    fromExtractorVersion: doc.extractorVersion,
    fromElements: doc.currentVersion ? doc.elements : [],
    toVersion: null,
    reason: null,
    ...EMPTY_CHANGE,
    changed: false,
    updatedAt: at,
  };
}
