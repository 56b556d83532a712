/**
 * 5. Reprocess: re-tagging N cached documents (a classifier or lexicon change: extraction comes from
 * the S3 cache) vs re-extracting them (an extractor change: every PDF is parsed again). Both are real
 * reprocessing runs (issue 6: runInProcess over scope `all`, plan and document messages on an
 * in-process queue of the same concurrency), on the same archive after the corpus has been ingested
 * once; only the version that changed differs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { IngestDeps } from '../shared/app/ingest';
import { runInProcess, type ReprocessRun } from '../shared/app/reprocess';
import { InProcessQueue } from '../shared/local/queue';
import type { LocalRuntime } from '../shared/local/runtime';
import { startInstrumentedRuntime, uploadAndWait, withVersion } from './lib/local-ingest';
import { CORPUS_DIR, corpusPdfs } from './lib/paths';
import { startDynaliteProcess } from './lib/processes';
import { SkipBenchmark } from './lib/skip';
import { perSecond, ratio, round } from './lib/stats';
import type { StageTimer } from './lib/stage-timer';
import { times } from './lib/table';
import type { Benchmark, BenchOutput } from './lib/types';

const CONCURRENCY = 2;
const DYNALITE_CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dynalite-child.ts');

interface PassFigures {
  documents: number;
  /** DynamoDB requests of the whole run (start, planning, documents, end), per document. */
  dynamoCallsPerDocument: number;
  documentMessages: number;
  wallMs: number;
  documentsPerMinute: number;
  fromCache: number;
  extractMs: number;
  classifyMs: number;
  writeMs: number;
}

/** Counts the requests a DynamoDB client sends (the document client shares its client's stack). */
function countRequests(clients: Array<{ middlewareStack: DynamoDBClient['middlewareStack'] }>): { count: number } {
  const counter = { count: 0 };
  for (const c of clients) {
    c.middlewareStack.add(
      (next) => async (args) => {
        counter.count++;
        return next(args);
      },
      { step: 'initialize', name: 'gcmBenchRequestCount' },
    );
  }
  return counter;
}

async function pass(rt: LocalRuntime, deps: IngestDeps, timer: StageTimer, requests: { count: number }, documentsPerMessage?: number): Promise<PassFigures & { run: ReprocessRun }> {
  const before = timer.snapshot();
  const calls0 = requests.count;
  let documentMessages = 0;
  const t0 = performance.now();
  const { run } = await runInProcess({ ...deps, runs: rt.runs }, { kind: 'all' }, {
    makeQueue: (consumer) =>
      new InProcessQueue({
        consumer: (messages) => {
          documentMessages += messages.filter((m) => m.body.includes('"type":"document')).length;
          return consumer(messages);
        },
        concurrency: CONCURRENCY,
        maxReceiveCount: 3,
        baseDelayMs: 100,
      }),
    maxReceiveCount: 3,
    documentsPerMessage,
  });
  const wallMs = performance.now() - t0;
  const dynamoCalls = requests.count - calls0;
  if (run.status !== 'done' || run.counts.failed > 0) throw new Error(`reprocessing run ${run.runId} ended ${run.status} with counts ${JSON.stringify(run.counts)}`);
  const after = timer.snapshot();
  const delta = (s: string) => round((after[s]?.ms ?? 0) - (before[s]?.ms ?? 0));
  const calls = (s: string) => (after[s]?.calls ?? 0) - (before[s]?.calls ?? 0);
  const documents = run.counts.done;
  return {
    run,
    documents,
    dynamoCallsPerDocument: round(dynamoCalls / documents, 1),
    documentMessages,
    wallMs: round(wallMs),
    documentsPerMinute: round(perSecond(documents, wallMs) * 60),
    // Every document reads the cache once; the ones that had to be parsed called the extractor.
    fromCache: documents - calls('extract'),
    extractMs: delta('extract'),
    classifyMs: delta('classify'),
    writeMs: delta('write'),
  };
}

export const reprocessBenchmark: Benchmark = {
  name: 'reprocess',
  title: '5. Reprocess: re-tag cached documents vs re-extract them',
  async run(ctx): Promise<BenchOutput> {
    // Every second corpus file: a representative half (small and large PDFs), to keep the run short.
    const files = corpusPdfs().filter((_, i) => i % 2 === 0);
    if (files.length === 0) throw new SkipBenchmark(`no corpus at ${CORPUS_DIR}`);
    // DynamoDB answers from a process of its own, as it does from its own machines on AWS: the
    // emulator's work is not charged to the pipeline's event loop, in either pass.
    const dynamo = await startDynaliteProcess(DYNALITE_CHILD);
    const rt = await startInstrumentedRuntime(dynamo.endpoint).catch(async (err) => {
      await dynamo.close();
      throw err;
    });
    try {
      ctx.log(`ingesting ${files.length} PDFs once (not timed)`);
      const up = await uploadAndWait(rt.runtime, files);
      const keys = up.documents.filter((d) => d.record?.status === 'tagged').map((d) => d.key);
      if (keys.length === 0) throw new Error('no document was tagged by the first ingestion');
      const deps = rt.runtime.ingestDeps;
      // Every DynamoDB request of the passes: the run store's client (the runtime's) and the repository's (the bench's).
      const requests = countRequests([rt.runtime.db, rt.dynamo.raw]);
      // One untimed re-tag first: the first run after the ingestion also pays for the ingestion's
      // garbage and for code the process has not run yet, which would land on whichever pass came first.
      ctx.log(`warming up: one untimed re-tag of ${keys.length} documents`);
      await pass(rt.runtime, { ...deps, classifier: withVersion(deps.classifier, 'clf-bench-warm-up') }, rt.timer, requests);
      ctx.log(`re-tagging ${keys.length} documents from the extraction cache`);
      const retag = await pass(rt.runtime, { ...deps, classifier: withVersion(deps.classifier, 'clf-bench-retag') }, rt.timer, requests);
      ctx.log(`re-tagging ${keys.length} documents from the extraction cache, one document per message (as before batches)`);
      const single = await pass(rt.runtime, { ...deps, classifier: withVersion(deps.classifier, 'clf-bench-retag-1') }, rt.timer, requests, 1);
      ctx.log(`re-extracting ${keys.length} documents`);
      const reextract = await pass(
        rt.runtime,
        { ...deps, classifier: withVersion(deps.classifier, 'clf-bench-reextract'), extractorVersion: `${deps.extractorVersion}+bench` },
        rt.timer,
        requests,
      );
      const speedup = ratio(reextract.wallMs, retag.wallMs);
      const speedupSingle = ratio(reextract.wallMs, single.wallMs);
      const row = (name: string, p: PassFigures) => [name, p.documents, p.documentMessages, p.wallMs / 1000, p.documentsPerMinute, p.fromCache, p.dynamoCallsPerDocument, p.extractMs / 1000, p.classifyMs / 1000, p.writeMs / 1000];
      return {
        tables: [
          {
            title: `${keys.length} tagged corpus documents (every second file), reprocessing runs over scope "all", queue concurrency ${CONCURRENCY}`,
            header: ['pass', 'documents', 'document messages', 'wall s', 'documents/min', 'from cache', 'DynamoDB calls/document', 'extract s', 'classify s', 'write s'],
            rows: [
              row('re-tag (classifier changed)', retag),
              row('re-tag, one document per message', single),
              row('re-extract (extractor changed)', reextract),
              ['ratio re-extract ÷ re-tag', null, null, times(speedup), null, null, null, null, null, null],
              ['ratio re-extract ÷ re-tag, one per message', null, null, times(speedupSingle), null, null, null, null, null, null],
            ],
          },
        ],
        notes: [
          'The re-tag run targets a new classifier version (same extractor): every document is re-tagged from the S3 extraction cache. The re-extract run also changes the extractor version, so every PDF is parsed again.',
          'Re-tags go several to a message (DOCUMENTS_PER_MESSAGE, split into even groups): the run, work items and documents are read in two batch reads, versions written in shared batch writes, each document switched on its own, the counters moved once per message. The second row forces one document per message (documentsPerMessage 1), as runs were before, for comparison in the same run. A parse always goes alone. All three passes follow one untimed re-tag (the first run after ingestion also pays for its garbage and for code not yet run).',
          'DynamoDB calls/document counts every request of the run (start, planning, documents, end) on both clients, divided by the documents.',
          'Both passes write a complete new version of every document (one version item, its ranking entries, the switch), so the write time is common to both; the difference is the parse. Paragraph text is never written: it stays in the extraction cache.',
          'dynalite runs in a child process (bench/dynalite-child.ts), so its work is not on the pipeline\'s event loop; s3rver, the queue, classification and the SDK clients are.',
        ],
        json: { documents: keys.length, concurrency: CONCURRENCY, retagOnePerMessage: { ...single, run: single.run.runId, counts: single.run.counts }, retag: { ...retag, run: retag.run.runId, counts: retag.run.counts }, reextract: { ...reextract, run: reextract.run.runId, counts: reextract.run.counts }, speedup, speedupOnePerMessage: speedupSingle },
      };
    } finally {
      await rt.close();
      await dynamo.close();
    }
  },
};
