/** Starting a run, or resuming the unfinished one with the same scope and targets. */
import { randomBytes } from 'node:crypto';
import type { MessageSender, RunStore } from './ports';
import { formatScope } from './scope';
import { documentMessages, type ReprocessRun, type RunScope } from './types';

export interface StartDeps {
  runs: RunStore;
  sender: MessageSender;
  classifierVersion: string;
  extractorVersion: string;
  now?: () => Date;
  /** Re-tags per document message (DOCUMENTS_PER_MESSAGE). */
  documentsPerMessage?: number;
}

/** Sortable and unique: `20261130T031500Z-3f9a1c`. */
export function newRunId(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

export const RUN_ID_PATTERN = /^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$/;

/**
 * Starts a run over `scope`, unless a run with the same scope and targets is still running: that
 * one is resumed instead (after an interruption, starting the same command again finishes it).
 */
export async function startRun(deps: StartDeps, scope: RunScope, runId?: string): Promise<{ run: ReprocessRun; resumed: boolean }> {
  const scopeText = formatScope(scope);
  const running = await deps.runs.findRunning(scopeText, deps.classifierVersion, deps.extractorVersion);
  if (running) return { run: await resumeRun(deps, running.runId), resumed: true };
  const at = deps.now?.() ?? new Date();
  const run: ReprocessRun = {
    runId: runId ?? newRunId(at),
    scope: scopeText,
    targetVersion: deps.classifierVersion,
    extractorVersion: deps.extractorVersion,
    status: 'running',
    counts: { pending: 0, done: 0, failed: 0, unchanged: 0 },
    total: 0,
    planned: false,
    startedAt: at.toISOString(),
  };
  if (!(await deps.runs.createRun(run))) throw new Error(`run id ${run.runId} already taken`);
  await deps.sender.send([{ type: 'plan', runId: run.runId }]);
  return { run, resumed: false };
}

/**
 * Picks a stopped run up where it stopped: counters are recounted from the work items (a crash
 * between finishing an item and counting it leaves them off by one), planning continues from the
 * saved cursor, and every item still pending is sent again. Finished items are never sent again.
 */
export async function resumeRun(deps: StartDeps, runId: string): Promise<ReprocessRun> {
  const existing = await deps.runs.getRun(runId);
  if (!existing) throw new Error(`run ${runId} not found`);
  if (existing.status !== 'running') return existing;
  if (existing.targetVersion !== deps.classifierVersion || existing.extractorVersion !== deps.extractorVersion) {
    throw new Error(`run ${runId} targets ${existing.targetVersion}/${existing.extractorVersion}; this code is at ${deps.classifierVersion}/${deps.extractorVersion}`);
  }
  const run = await deps.runs.recount(runId);
  if (!run.planned) await deps.sender.send([{ type: 'plan', runId, cursor: run.planCursor }]);
  let cursor: string | undefined;
  do {
    const page = await deps.runs.listWorkItems(runId, { state: 'pending', limit: 100, cursor });
    if (page.items.length) await deps.sender.send(documentMessages(runId, page.items, run.extractorVersion, deps.documentsPerMessage));
    cursor = page.nextCursor;
  } while (cursor);
  if (run.planned && run.counts.pending <= 0) await deps.runs.finishRun(runId, 'done');
  return (await deps.runs.getRun(runId)) ?? run;
}
