/** What the reprocessing logic needs from storage and from the queue; adapters implement it. */
import type { Page } from '../types';
import type { DocumentChange, ReprocessRun, RunCounts, WorkItem, WorkState } from './types';

export interface WorkOutcome extends DocumentChange {
  state: Exclude<WorkState, 'pending'>;
  toVersion: string | null;
  reason: string | null;
}

export interface RunStore {
  /** Creates the run record; false when a run with this id exists already. */
  createRun(run: ReprocessRun): Promise<boolean>;
  getRun(runId: string): Promise<ReprocessRun | undefined>;
  /** Runs, newest first. */
  listRuns(limit: number, cursor?: string): Promise<Page<ReprocessRun>>;
  /** A run still `running` with this scope and targets (the one to resume instead of starting another). */
  findRunning(scope: string, targetVersion: string, extractorVersion: string): Promise<ReprocessRun | undefined>;
  /** Creates pending work items; an item that already exists is left alone. Returns the items now pending. */
  addWorkItems(items: WorkItem[]): Promise<{ created: number; pending: WorkItem[] }>;
  getWorkItem(runId: string, documentId: string): Promise<WorkItem | undefined>;
  /** The run and one of its work items, read together (what a document message starts from). */
  getRunAndItem(runId: string, documentId: string): Promise<{ run?: ReprocessRun; item?: WorkItem }>;
  /** The run and several of its work items in one batched read (what a batch of documents starts from). */
  getRunAndItems(runId: string, documentIds: readonly string[]): Promise<{ run?: ReprocessRun; items: Map<string, WorkItem> }>;
  /** pending → outcome, conditional on the item still being pending. False when it was not (done before). */
  completeWorkItem(runId: string, documentId: string, outcome: WorkOutcome): Promise<boolean>;
  /** Adds to the counters (and `total`); returns the updated run. */
  addCounts(runId: string, delta: Partial<RunCounts> & { total?: number }): Promise<ReprocessRun>;
  /** Records how far planning got (`cursor` of the next page, or planned). */
  savePlanning(runId: string, progress: { cursor?: string; planned: boolean }): Promise<void>;
  /** Counts work items by state from the items themselves (authoritative) and stores them on the run. */
  recount(runId: string): Promise<ReprocessRun>;
  /** running → done (or failed), with endedAt; false when the run was not running. */
  finishRun(runId: string, status: 'done' | 'failed'): Promise<boolean>;
  /** Work items of a run in document-id order; `changedOnly` keeps those with gained/lost/recounted elements. */
  listWorkItems(runId: string, q: { state?: WorkState; changedOnly?: boolean; limit: number; cursor?: string }): Promise<Page<WorkItem>>;
}

/** Sends fan-out messages (SQS on AWS, the in-process queue locally). */
export interface MessageSender {
  send(messages: import('./types').ReprocessMessage[]): Promise<void>;
}
