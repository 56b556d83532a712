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
import { publishVersion } from '../publish';
import { isCurrent, targetVersion } from '../versions';
import { EMPTY_CHANGE, type ReprocessRun, type WorkItem } from './types';

export interface ReprocessDeps extends IngestDeps {
  runs: RunStore;
}

/** Processes a work item once; a redelivered message for a finished item does nothing. */
export async function processWorkItem(
  deps: ReprocessDeps,
  runId: string,
  documentId: string,
  opts: { finalAttempt: boolean },
): Promise<{ state: WorkOutcome['state'] | 'pending'; firstCompletion: boolean; run?: ReprocessRun }> {
  // The document is read alongside: it is needed whenever the item is still pending (almost always).
  const [{ run, item }, doc] = await Promise.all([deps.runs.getRunAndItem(runId, documentId), deps.repo.getDocument(documentId)]);
  if (!item) throw new Error(`run ${runId} has no work item for ${documentId}`);
  if (item.state !== 'pending') return { state: item.state, firstCompletion: false };
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status !== 'running') return { state: 'pending', firstCompletion: false };
  if (run.targetVersion !== deps.classifier.version || run.extractorVersion !== deps.extractorVersion) {
    // Code with other data was deployed during the run: its target no longer exists. The run is
    // closed as failed (its pending count says how much was left); a new run targets the new code.
    deps.log?.('run obsolete', { runId, target: run.targetVersion, worker: deps.classifier.version });
    await deps.runs.finishRun(runId, 'failed');
    return { state: 'pending', firstCompletion: false };
  }
  let outcome: WorkOutcome;
  try {
    outcome = await bringToTarget(deps, item, doc);
  } catch (err) {
    if (!opts.finalAttempt) throw err;
    outcome = { state: 'failed', reason: `error: ${(err as Error).message}`.slice(0, 500), toVersion: null, ...EMPTY_CHANGE };
  }
  const first = await deps.runs.completeWorkItem(runId, documentId, outcome);
  if (!first) return { state: outcome.state, firstCompletion: false };
  const updated = await deps.runs.addCounts(runId, { pending: -1, [outcome.state]: 1 });
  if (updated.planned && updated.counts.pending <= 0) await deps.runs.finishRun(runId, 'done');
  return { state: outcome.state, firstCompletion: true, run: updated };
}

async function bringToTarget(deps: ReprocessDeps, item: WorkItem, doc: DocumentRecord | undefined): Promise<WorkOutcome> {
  const clf = deps.classifier.version;
  const ev = deps.extractorVersion;
  if (!doc) return failed('document no longer exists');

  if (isCurrent(doc, clf, ev, deps.ocrEngine)) {
    // Either it was current when planned, or this run switched it and stopped before recording that.
    if (doc.currentVersion === item.fromVersion || doc.status === 'needs-ocr') return { state: 'unchanged', toVersion: doc.currentVersion, reason: null, ...EMPTY_CHANGE };
    return { state: 'done', toVersion: doc.currentVersion, reason: null, ...(await changeSince(deps, item, doc.currentVersion!)) };
  }
  if (doc.status !== 'tagged' || !doc.currentVersion) return viaIngest(deps, item, doc);

  const reextract = doc.extractorVersion !== ev;
  const version = targetVersion(doc, clf, ev, deps.ocrEngine);
  const { result: extraction, source } = await extractCached(deps, doc.sha256, () => originalBytes(deps, doc));
  // Scans for an external OCR engine: the upload path starts (or finds) its job; the completion finishes the document.
  if (extraction.outcome === 'ocr-required') return viaIngest(deps, item, doc);
  if (extraction.outcome !== 'ok') {
    // The document keeps serving its current version; the run reports why it could not move it.
    const reason = extraction.outcome === 'failed' ? `${extraction.code}: ${extraction.reason}` : `needs-ocr: ${extraction.reason}`;
    return failed(reason);
  }
  const { paragraphs, elements } = classify(deps.classifier, extraction.document);
  // The version the extraction is cached under: what the next run compares with.
  const facts: ExtractionFacts = documentFacts(extraction.document.facts, deps.extractorVersion);
  await publishVersion(deps.repo, {
    documentId: doc.documentId,
    version,
    expectedCurrent: doc.currentVersion,
    extractorVersion: source,
    paragraphs,
    elements,
    facts,
    metadata: doc,
  });
  deps.log?.('reprocessed', { documentId: doc.documentId, version, reextracted: reextract });
  return { state: 'done', toVersion: version, reason: null, ...compareSummaries(await summaryOf(deps, item), elements) };
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
