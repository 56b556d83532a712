/**
 * 3. End to end, local: documents per minute from upload to `tagged` for the corpus through the real
 * local pipeline, where the time goes (read, parse, clean, classify, write), and the per-document
 * figures the cost model needs (ingest seconds, DynamoDB write units and bytes, cache bytes, logs).
 */
import { storedBytes } from './lib/dynamo-meter';
import { prefixBytes, startInstrumentedRuntime, uploadAndWait } from './lib/local-ingest';
import { CORPUS_DIR, corpusPdfs } from './lib/paths';
import { readResult } from './lib/results';
import { SkipBenchmark } from './lib/skip';
import { round, sum } from './lib/stats';
import type { Benchmark, BenchOutput } from './lib/types';
import type { ExtractionFigures } from './extraction';

export interface EndToEndFigures {
  documents: number;
  tagged: number;
  otherOutcomes: Record<string, number>;
  pages: number;
  pdfBytes: number;
  paragraphs: number;
  wallMs: number;
  documentsPerMinute: number;
  pagesPerSecond: number;
  queueConcurrency: number;
  /** Summed over all documents (stages of concurrent documents overlap, so they add up to more than the wall time). */
  stages: Record<string, { ms: number; calls: number; share: number }>;
  /** Parse vs clean split of `extract`, from the extraction benchmark's separate pass (or null). */
  extractSplit: { parseShare: number; cleanShare: number } | null;
  perDocument: {
    ingestSeconds: number;
    writeUnits: number;
    dynamoBytes: number;
    cacheBytes: number;
    logBytes: number;
  };
  perPage: { ingestSeconds: number; writeUnits: number; dynamoBytes: number; cacheBytes: number; pdfBytes: number };
  dynamo: { writeRequests: number; itemsPut: number; itemsUpdated: number; items: number; bytesByEntity: Record<string, { items: number; bytes: number }> };
}

export const STAGE_ORDER = ['read', 'extract', 'cache', 'classify', 'write'] as const;

export const endToEndBenchmark: Benchmark = {
  name: 'end-to-end',
  title: '3. End to end (local pipeline): upload → tagged',
  async run(ctx): Promise<BenchOutput> {
    const files = corpusPdfs();
    if (files.length === 0) throw new SkipBenchmark(`no corpus at ${CORPUS_DIR}`);
    const rt = await startInstrumentedRuntime();
    try {
      ctx.log(`uploading ${files.length} PDFs into the local pipeline`);
      const up = await uploadAndWait(rt.runtime, files);
      const outcomes: Record<string, number> = {};
      for (const d of up.documents) {
        const s = d.record?.status ?? 'missing';
        outcomes[s] = (outcomes[s] ?? 0) + 1;
      }
      const tagged = up.documents.filter((d) => d.record?.status === 'tagged');
      const pages = sum(up.documents.map((d) => d.record?.pages ?? 0));
      const paragraphs = sum(tagged.map((d) => d.record?.paragraphCount ?? 0));
      const writes = await rt.meter.tally(rt.dynamo.raw, rt.runtime.table);
      const stored = await storedBytes(rt.dynamo.raw, rt.runtime.table);
      const cache = await prefixBytes(rt.runtime, 'cache/');
      const stages = rt.timer.snapshot();
      const stageMs = Object.fromEntries(STAGE_ORDER.map((s) => [s, stages[s]?.ms ?? 0]));
      const totalStageMs = sum(Object.values(stageMs));
      const n = up.documents.length;
      const extraction = (ctx.earlier.get('extraction') as ExtractionFigures | undefined) ?? readResult<{ figures?: ExtractionFigures }>(ctx.resultsDir, 'extraction')?.figures;
      const figures: EndToEndFigures = {
        documents: n,
        tagged: tagged.length,
        otherOutcomes: Object.fromEntries(Object.entries(outcomes).filter(([k]) => k !== 'tagged')),
        pages,
        pdfBytes: sum(files.map((f) => f.bytes)),
        paragraphs,
        wallMs: round(up.wallMs),
        documentsPerMinute: round((n / up.wallMs) * 60_000),
        pagesPerSecond: round((pages / up.wallMs) * 1000),
        queueConcurrency: 2,
        stages: Object.fromEntries(
          STAGE_ORDER.map((s) => [s, { ms: round(stageMs[s]), calls: stages[s]?.calls ?? 0, share: round(stageMs[s] / (totalStageMs || 1), 4) }]),
        ),
        extractSplit: extraction?.split ? { parseShare: extraction.split.parseShare, cleanShare: extraction.split.cleanShare } : null,
        perDocument: {
          ingestSeconds: round(totalStageMs / 1000 / n, 3),
          writeUnits: round(writes.writeUnits / n),
          dynamoBytes: Math.round(stored.bytes / n),
          cacheBytes: Math.round(cache.bytes / n),
          logBytes: Math.round(rt.logBytes() / n),
        },
        perPage: {
          ingestSeconds: round(totalStageMs / 1000 / pages, 4),
          writeUnits: round(writes.writeUnits / pages, 3),
          dynamoBytes: Math.round(stored.bytes / pages),
          cacheBytes: Math.round(cache.bytes / pages),
          pdfBytes: Math.round(sum(files.map((f) => f.bytes)) / pages),
        },
        dynamo: { writeRequests: writes.requests, itemsPut: writes.itemsPut, itemsUpdated: writes.itemsUpdated, items: stored.items, bytesByEntity: stored.byEntity },
      };
      const split = figures.extractSplit;
      const rows = STAGE_ORDER.flatMap((s) => {
        const st = figures.stages[s];
        const row = [s, st.ms / 1000, st.calls, (st.ms / n), st.share * 100];
        if (s !== 'extract' || !split) return [row];
        return [
          row,
          ['  ↳ parse (pdf.js)', (st.ms * split.parseShare) / 1000, null, (st.ms * split.parseShare) / n, st.share * split.parseShare * 100],
          ['  ↳ clean (layout, paragraphs)', (st.ms * split.cleanShare) / 1000, null, (st.ms * split.cleanShare) / n, st.share * split.cleanShare * 100],
        ];
      });
      return {
        tables: [
          {
            title: `${n} PDFs (${pages} pages, ${paragraphs} paragraphs) uploaded to s3rver → queue (concurrency 2) → ingest → dynalite`,
            header: ['documents/min', 'pages/s', 'wall s', 'tagged', 'other outcomes'],
            rows: [[figures.documentsPerMinute, figures.pagesPerSecond, up.wallMs / 1000, tagged.length, Object.entries(figures.otherOutcomes).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none']],
          },
          {
            title: 'Where the time goes (summed over documents; two run at once)',
            header: ['stage', 's', 'calls', 'ms/document', 'share %'],
            rows,
          },
          {
            title: 'Per document, for the cost model',
            header: ['ingest s', 'DynamoDB WRU', 'DynamoDB bytes', 'cache bytes', 'log bytes', 'pages'],
            rows: [[figures.perDocument.ingestSeconds, figures.perDocument.writeUnits, figures.perDocument.dynamoBytes, figures.perDocument.cacheBytes, figures.perDocument.logBytes, pages / n]],
          },
        ],
        notes: [
          'read = S3 GET of the PDF; extract = the extraction worker (parse + clean); cache = S3 get/put of the extraction JSON; classify = paragraph tagging and roll-up; write = every DynamoDB call of the repository.',
          split
            ? 'The parse/clean split of extract applies the shares measured in-process by the extraction benchmark (the worker does not report them).'
            : 'Run the extraction benchmark in the same run to split extract into parse and clean.',
          'Write units: puts sized exactly, updates by the item they leave, ×(1 + GSIs the item is in); bytes include DynamoDB’s 100-byte per-item overhead and each index’s projection (gsi1 INCLUDE, gsi2 KEYS_ONLY). Paragraph text is not in DynamoDB: it is the cache bytes.',
        ],
        json: figures as unknown as Record<string, unknown>,
      };
    } finally {
      await rt.close();
    }
  },
};
