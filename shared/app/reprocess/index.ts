/** Batch reprocessing of the archive (issue 6): runs, their fan-out, and the change report. */
export type * from './types';
export type { RunStore, MessageSender, WorkOutcome } from './ports';
export { EMPTY_CHANGE, DOCUMENTS_PER_MESSAGE, MAX_DOCUMENTS_PER_MESSAGE, documentMessages } from './types';
export { formatScope, parseScope, inScope, InvalidScopeError } from './scope';
export { isCurrent, versionFor } from '../versions';
export { compareSummaries, hasChanges } from './changes';
export { processWorkItem, processWorkItems, BatchIncompleteError, type BatchResult, type ReprocessDeps } from './process-document';
export { planPage, PLAN_PAGE_SIZE } from './plan';
export { startRun, resumeRun, newRunId, RUN_ID_PATTERN, type StartDeps } from './start';
export { handleBatch, handleMessage, handleSqsReprocessBatch, parseMessage, InvalidMessageError, type ConsumerDeps } from './messages';
export { inProcessFanOut, runInProcess, type LocalQueue, type QueueConsumer, type InProcessOptions } from './in-process';
export { registerRunRoutes, runsOpenApi } from './api-routes';
