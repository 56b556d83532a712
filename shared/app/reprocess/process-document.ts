/**
 * One document of a run: bring it to the run's classifier and extractor versions.
 *
 * A tagged document whose extraction is cached for the current extractor is re-tagged from the
 * cached paragraphs: no PDF is read or parsed. An extractor change reads the PDF and parses it
 * again (then caches the result). Documents that never got a tagged version (failed, still
 * received/processing) go through ingestObject, the upload path, which re-reads metadata too.
 * New paragraphs and tags are written completely under the new version before the conditional
 * switch of the document's current version, so readers see the old version or the new one.
 */
import { createHash } from 'node:crypto';
import { classify, documentFacts, ingestObject, type IngestDeps } from '../ingest';
import { extractCached } from '../extraction';
import type { ExtractionFacts } from '../ports';
import type { DocumentRecord, ElementScore } from '../types';
import type { ExtractionResult } from '../../core/extract/types';
import { compareSummaries } from './changes';
import type { RunStore, WorkOutcome } from './ports';
import { publishVersions, type NewVersion } from '../publish';
import { isCurrent, targetVersion } from '../versions';
import { EMPTY_CHANGE, type DocumentChange, type ReprocessRun, type WorkItem } from './types';

export interface ReprocessDeps extends IngestDeps {
  runs: RunStore;
}

/** Documents of one batch prepared (cache read, classification) at once: reads overlap classification. */
const PREPARE_IN_FLIGHT = 2;
/** Prepared documents whose versions are written together (about 11 items each: one batch write for two). */
const PUBLISH_WAVE = 2;

export interface BatchResult {
  /** The state each document of the batch is in now (pending: not finished, to be retried). */
  states: Map<string, WorkOutcome['state'] | 'pending'>;
  /** Documents recorded by this delivery (their work item moved from pending and was counted). */
  completed: string[];
  /** Documents that failed on a delivery that is not the last: still pending, to be retried. */
  retry: Map<string, Error>;
  run?: ReprocessRun;
}

/** A redelivered batch whose documents are all finished does nothing. */
export class BatchIncompleteError extends Error {
  constructor(readonly failures: Map<string, Error>) {
    const [first] = failures.values();
    super(`${failures.size} document(s) of the batch failed and stay pending (first: ${first?.message ?? 'unknown'})`);
    this.name = 'BatchIncompleteError';
  }
}

/** Processes a work item once; a redelivered message for a finished item does nothing. */
export async function processWorkItem(
  deps: ReprocessDeps,
  runId: string,
  documentId: string,
  opts: { finalAttempt: boolean },
): Promise<{ state: WorkOutcome['state'] | 'pending'; firstCompletion: boolean; run?: ReprocessRun }> {
  const res = await processWorkItems(deps, runId, [documentId], opts);
  const failure = res.retry.get(documentId);
  if (failure) throw failure;
  return { state: res.states.get(documentId) ?? 'pending', firstCompletion: res.completed.includes(documentId), run: res.run };
}

/**
 * Brings several documents of a run to its versions. Reads are batched (the run, the work items
 * and the documents, two batch reads in all), versions are written together and switched one
 * document at a time (each switch stays conditional), and the run's counters move once for the
 * batch. A document that fails does not hold the others back: they are recorded, and it stays
 * pending (returned in `retry`) until the last delivery, which records it failed.
 */
export async function processWorkItems(
  deps: ReprocessDeps,
  runId: string,
  documentIds: readonly string[],
  opts: { finalAttempt: boolean },
): Promise<BatchResult> {
  const ids = [...new Set(documentIds)];
  // The documents are read alongside: they are needed whenever an item is still pending (almost always).
  const [{ run, items }, docs] = await Promise.all([deps.runs.getRunAndItems(runId, ids), deps.repo.getDocuments(ids)]);
  const states = new Map<string, WorkOutcome['state'] | 'pending'>();
  const retry = new Map<string, Error>();
  const result: BatchResult = { states, completed: [], retry };
  const pending: WorkItem[] = [];
  for (const id of ids) {
    const item = items.get(id);
    if (!item) {
      // Never created, or expired with its run: nothing can record it (redelivered until dead-lettered, as before).
      states.set(id, 'pending');
      retry.set(id, new Error(`run ${runId} has no work item for ${id}`));
    } else if (item.state !== 'pending') {
      states.set(id, item.state);
    } else {
      states.set(id, 'pending');
      pending.push(item);
    }
  }
  if (pending.length === 0) return result;
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status !== 'running') return result;
  if (run.targetVersion !== deps.classifier.version || run.extractorVersion !== deps.extractorVersion) {
    // Code with other data was deployed during the run: its target no longer exists. The run is
    // closed as failed (its pending count says how much was left); a new run targets the new code.
    deps.log?.('run obsolete', { runId, target: run.targetVersion, worker: deps.classifier.version });
    await deps.runs.finishRun(runId, 'failed');
    return result;
  }

  const outcomes = new Map<string, WorkOutcome>();
  const errors = new Map<string, Error>();
  // Prepared documents are published in small waves while the next ones are read and classified,
  // so the writes of one overlap the classification of another.
  const ready: Array<{ item: WorkItem; version: NewVersion; change: DocumentChange }> = [];
  const publishing: Promise<void>[] = [];
  // A wave that throws (storage down, the process dying) fails the delivery at `await
  // Promise.all(publishing)` below; marked handled at once so that its rejection, while the
  // preparers still run, is not reported as unhandled.
  const publish = (wave: typeof ready) => {
    const done = publishWave(wave);
    done.catch(() => {});
    return done;
  };
  const publishWave = (wave: typeof ready) =>
    publishVersions(deps.repo, wave.map((p) => p.version)).then((failures) => {
      for (const p of wave) {
        const failure = failures.get(p.item.documentId);
        if (failure) {
          errors.set(p.item.documentId, failure);
          continue;
        }
        deps.log?.('reprocessed', { documentId: p.item.documentId, version: p.version.version, reextracted: p.version.version !== deps.classifier.version });
        outcomes.set(p.item.documentId, { state: 'done', toVersion: p.version.version, reason: null, ...p.change });
      }
    });
  let next = 0;
  const preparer = async () => {
    while (next < pending.length) {
      const item = pending[next++];
      try {
        const step = await prepare(deps, item, docs.get(item.documentId));
        if ('outcome' in step) outcomes.set(item.documentId, step.outcome);
        else ready.push({ item, ...step });
      } catch (err) {
        errors.set(item.documentId, err as Error);
      }
      if (ready.length >= PUBLISH_WAVE) publishing.push(publish(ready.splice(0)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PREPARE_IN_FLIGHT, pending.length) }, preparer));
  if (ready.length) publishing.push(publish(ready.splice(0)));
  await Promise.all(publishing);
  for (const [id, err] of errors) {
    if (opts.finalAttempt) outcomes.set(id, { state: 'failed', reason: `error: ${err.message}`.slice(0, 500), toVersion: null, ...EMPTY_CHANGE });
    else retry.set(id, err);
  }

  // Each outcome is recorded with its own conditional update (a redelivery never counts a document
  // twice); the counters then move once for everything this delivery recorded.
  const delta = { pending: 0, done: 0, failed: 0, unchanged: 0 };
  await Promise.all(
    [...outcomes].map(async ([id, outcome]) => {
      try {
        const first = await deps.runs.completeWorkItem(runId, id, outcome);
        states.set(id, outcome.state);
        if (!first) return;
        result.completed.push(id);
        delta.pending--;
        delta[outcome.state]++;
      } catch (err) {
        // Switched but not recorded: the next delivery finds it at the target and records it.
        retry.set(id, err as Error);
      }
    }),
  );
  if (result.completed.length > 0) {
    const updated = await deps.runs.addCounts(runId, delta);
    result.run = updated;
    if (updated.planned && updated.counts.pending <= 0) await deps.runs.finishRun(runId, 'done');
  }
  return result;
}

type Prepared = { outcome: WorkOutcome } | { version: NewVersion; change: DocumentChange };

/** Everything up to the write: the outcome when nothing is to be written, else the new version. */
async function prepare(deps: ReprocessDeps, item: WorkItem, doc: DocumentRecord | undefined): Promise<Prepared> {
  const clf = deps.classifier.version;
  const ev = deps.extractorVersion;
  if (!doc) return { outcome: failed('document no longer exists') };

  if (isCurrent(doc, clf, ev, deps.ocrEngine)) {
    // Either it was current when planned, or this run switched it and stopped before recording that.
    if (doc.currentVersion === item.fromVersion || doc.status === 'needs-ocr') return { outcome: { state: 'unchanged', toVersion: doc.currentVersion, reason: null, ...EMPTY_CHANGE } };
    return { outcome: { state: 'done', toVersion: doc.currentVersion, reason: null, ...(await changeSince(deps, item, doc.currentVersion!)) } };
  }
  if (doc.status !== 'tagged' || !doc.currentVersion) return { outcome: await viaIngest(deps, item, doc) };

  const version = targetVersion(doc, clf, ev, deps.ocrEngine);
  const { result: extraction, source } = await extractCached(deps, doc.sha256, () => originalBytes(deps, doc));
  // Scans for an external OCR engine: the upload path starts (or finds) its job; the completion finishes the document.
  if (extraction.outcome === 'ocr-required') return { outcome: await viaIngest(deps, item, doc) };
  if (extraction.outcome !== 'ok') {
    // The document keeps serving its current version; the run reports why it could not move it.
    const reason = extraction.outcome === 'failed' ? `${extraction.code}: ${extraction.reason}` : `needs-ocr: ${extraction.reason}`;
    return { outcome: failed(reason) };
  }
  const { paragraphs, elements } = classify(deps.classifier, extraction.document);
  // The version the extraction is cached under: what the next run compares with.
  const facts: ExtractionFacts = documentFacts(extraction.document.facts, deps.extractorVersion);
  const change = compareSummaries(await summaryOf(deps, item), elements);
  return {
    version: { documentId: doc.documentId, version, expectedCurrent: doc.currentVersion, extractorVersion: source, paragraphs, elements, facts, metadata: doc },
    change,
  };
}

/** The document's bytes from any of its keys that still holds them (a key may since hold other bytes). */
async function originalBytes(deps: ReprocessDeps, doc: DocumentRecord): Promise<Uint8Array> {
  for (const key of [doc.key, ...doc.keys.filter((k) => k !== doc.key)]) {
    try {
      const obj = await deps.objects.get(doc.bucket, key, { maxBytes: deps.maxBytes });
      if (createHash('sha256').update(obj.bytes).digest('hex') === doc.sha256) return obj.bytes;
    } catch (err) {
      if ((err as Error).name !== 'ObjectNotFoundError') throw err;
    }
  }
  throw new Error('none of the document\'s keys holds its original PDF any more');
}

/** Documents without a tagged version take the upload path (metadata, extraction, tagging). */
async function viaIngest(deps: ReprocessDeps, item: WorkItem, doc: DocumentRecord): Promise<WorkOutcome> {
  const out = await ingestObject(deps, { bucket: doc.bucket, key: doc.key });
  switch (out.outcome) {
    case 'tagged':
    case 'unchanged': {
      const change = await changeSince(deps, item, out.version);
      return { state: out.outcome === 'unchanged' && item.fromVersion === out.version ? 'unchanged' : 'done', toVersion: out.version, reason: null, ...change };
    }
    case 'needs-ocr':
      return { state: 'done', toVersion: null, reason: `needs-ocr: ${out.reason}`, ...EMPTY_CHANGE };
    case 'ocr-pending':
      // The run cannot wait for the job; the document is tagged when it completes.
      return { state: 'done', toVersion: null, reason: `ocr-pending: OCR job ${out.jobId} reads pages ${out.pages.join(', ')}`, ...EMPTY_CHANGE };
    case 'failed':
      return failed(out.reason);
    case 'skipped':
      return failed(`skipped: ${out.reason}`);
  }
}

async function changeSince(deps: ReprocessDeps, item: WorkItem, version: string) {
  const after = (await deps.repo.getVersionSummary(item.documentId, version))?.elements ?? [];
  return compareSummaries(await summaryOf(deps, item), after);
}

/** The element scores of the version the run started from (what a change report compares). */
async function summaryOf(deps: ReprocessDeps, item: WorkItem): Promise<ElementScore[]> {
  if (!item.fromVersion) return [];
  if (item.fromElements.length > 0) return item.fromElements;
  // Planned without scores (none addressed, or a work item from before they were kept): the stored version says.
  return (await deps.repo.getVersionSummary(item.documentId, item.fromVersion))?.elements ?? [];
}

function failed(reason: string): WorkOutcome {
  return { state: 'failed', toVersion: null, reason, ...EMPTY_CHANGE };
}
