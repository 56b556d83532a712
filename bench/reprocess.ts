/**
 * 5. Reprocess: re-tagging N cached documents (a classifier or lexicon change: extraction comes from
 * the S3 cache) vs re-extracting them (an extractor change: every PDF is parsed again). Both go
 * through the same ingestObject path with the same queue concurrency, on the same archive, after the
 * corpus has been ingested once; only the version that changed differs.
 */
import { ingestObject, type IngestDeps } from '../shared/app/ingest';
import { startInstrumentedRuntime, uploadAndWait, withVersion } from './lib/local-ingest';
import { CORPUS_DIR, corpusPdfs } from './lib/paths';
import { SkipBenchmark } from './lib/skip';
import { perSecond, ratio, round } from './lib/stats';
import type { StageTimer } from './lib/stage-timer';
import { times } from './lib/table';
import type { Benchmark, BenchOutput } from './lib/types';

const CONCURRENCY = 2;

interface PassFigures {
  documents: number;
  wallMs: number;
  documentsPerMinute: number;
  fromCache: number;
  extractMs: number;
  classifyMs: number;
  writeMs: number;
}

async function pass(deps: IngestDeps, bucket: string, keys: string[], timer: StageTimer): Promise<PassFigures> {
  const before = timer.snapshot();
  let next = 0;
  let fromCache = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      const out = await ingestObject(deps, { bucket, key });
      if (out.outcome !== 'tagged') throw new Error(`re-ingesting ${key} gave ${out.outcome}`);
      if (out.cached) fromCache++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wallMs = performance.now() - t0;
  const after = timer.snapshot();
  const delta = (s: string) => round((after[s]?.ms ?? 0) - (before[s]?.ms ?? 0));
  return {
    documents: keys.length,
    wallMs: round(wallMs),
    documentsPerMinute: round(perSecond(keys.length, wallMs) * 60),
    fromCache,
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
    const rt = await startInstrumentedRuntime();
    try {
      ctx.log(`ingesting ${files.length} PDFs once (not timed)`);
      const up = await uploadAndWait(rt.runtime, files);
      const keys = up.documents.filter((d) => d.record?.status === 'tagged').map((d) => d.key);
      if (keys.length === 0) throw new Error('no document was tagged by the first ingestion');
      const deps = rt.runtime.ingestDeps;
      ctx.log(`re-tagging ${keys.length} documents from the extraction cache`);
      const retag = await pass({ ...deps, classifier: withVersion(deps.classifier, 'clf-bench-retag') }, rt.runtime.bucket, keys, rt.timer);
      ctx.log(`re-extracting ${keys.length} documents`);
      const reextract = await pass(
        { ...deps, classifier: withVersion(deps.classifier, 'clf-bench-reextract'), extractorVersion: `${deps.extractorVersion}+bench` },
        rt.runtime.bucket,
        keys,
        rt.timer,
      );
      const speedup = ratio(reextract.wallMs, retag.wallMs);
      const row = (name: string, p: PassFigures) => [name, p.documents, p.wallMs / 1000, p.documentsPerMinute, p.fromCache, p.extractMs / 1000, p.classifyMs / 1000, p.writeMs / 1000];
      return {
        tables: [
          {
            title: `${keys.length} tagged corpus documents (every second file), ${CONCURRENCY} at a time, through ingestObject`,
            header: ['pass', 'documents', 'wall s', 'documents/min', 'from cache', 'extract s', 'classify s', 'write s'],
            rows: [row('re-tag (classifier changed)', retag), row('re-extract (extractor changed)', reextract), ['ratio re-extract ÷ re-tag', null, times(speedup), null, null, null, null, null]],
          },
        ],
        notes: [
          'Issue 6 (batch reprocessing runs) had not landed when this was written: both passes call ingestObject directly with a changed classifier version or extractor version, which is the two-stage cache that reprocessing relies on.',
          'Both passes write a complete new version of every document (paragraphs, tags, index), so the write time is common to both; the difference is the parse.',
        ],
        json: { documents: keys.length, concurrency: CONCURRENCY, retag, reextract, speedup },
      };
    } finally {
      await rt.close();
    }
  },
};
