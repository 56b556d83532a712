/**
 * 1. Extraction: pages per second of our extractor over the corpus against poppler's pdftotext on the
 * same files, in alternating rounds of the same run (the machine is shared, so only the ratio is
 * meaningful), plus peak memory and where our extractor spends its time (pdf.js parse vs clean-up).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import type { ReadyReport, RoundReport } from './extraction-child';
import { CORPUS_DIR, corpusPdfs, type CorpusFile } from './lib/paths';
import { ask, forkTs, onPath, peakRssKb, runCommand } from './lib/processes';
import { SkipBenchmark } from './lib/skip';
import { median, perSecond, ratio, round, sum } from './lib/stats';
import { times } from './lib/table';
import type { Benchmark, BenchContext, BenchOutput } from './lib/types';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const EXTRACTION_ROUNDS = 3;

export interface ExtractionFigures {
  files: number;
  pages: number;
  bytes: number;
  ours: { roundMs: number[]; pagesPerSecond: number; cpuMs: number; peakRssMb: number; baselineRssMb: number; failures: string[] };
  pdftotext: { version: string; roundMs: number[]; pagesPerSecond: number; peakRssMb: number | null };
  /** pdftotext pages/s ÷ ours: how many times faster poppler's C++ is. */
  pdftotextSpeedup: number | null;
  split: { parseMs: number; cleanMs: number; parseShare: number; cleanShare: number };
  perFile: Array<{ file: string; pages: number; oursMs: number; pdftotextMs: number }>;
}

async function pdftotextRound(files: CorpusFile[]): Promise<number[]> {
  const ms: number[] = [];
  for (const f of files) {
    const run = await runCommand('pdftotext', ['-q', f.path, '-']);
    ms.push(run.ms);
  }
  return ms;
}

export async function measureExtraction(ctx: Pick<BenchContext, 'log'>, rounds = EXTRACTION_ROUNDS): Promise<ExtractionFigures> {
  const files = corpusPdfs();
  if (files.length === 0) throw new SkipBenchmark(`no corpus at ${CORPUS_DIR}`);
  if (!onPath('pdftotext')) throw new SkipBenchmark('pdftotext is not installed (Debian/Ubuntu: apt-get install -y poppler-utils; macOS: brew install poppler)');
  const version = (await runCommand('pdftotext', ['-v'], { keepOutput: true })).stderr.split('\n')[0]?.trim() ?? 'unknown';

  const child: ChildProcess = forkTs(path.join(HERE, 'extraction-child.ts'));
  try {
    const smallest = [...files].sort((a, b) => a.bytes - b.bytes)[0];
    const ready = await ask<ReadyReport>(child, { warmup: smallest.path });
    await pdftotextRound([smallest]);
    const paths = files.map((f) => f.path);
    const ourRounds: RoundReport[] = [];
    const theirRounds: number[][] = [];
    for (let r = 0; r < rounds; r++) {
      ctx.log(`extraction round ${r + 1}/${rounds}: ours`);
      ourRounds.push(await ask<RoundReport>(child, { files: paths }));
      ctx.log(`extraction round ${r + 1}/${rounds}: pdftotext`);
      theirRounds.push(await pdftotextRound(files));
    }
    ctx.log('extraction: parse vs clean-up split');
    const split = await ask<RoundReport>(child, { files: paths, split: true });
    let theirPeak: number | null = null;
    for (const f of files) {
      const kb = await peakRssKb('pdftotext', ['-q', f.path, '/dev/null']);
      if (kb !== null) theirPeak = Math.max(theirPeak ?? 0, kb);
    }

    const pagesByFile = ourRounds[0].files.map((f) => f.pages);
    const pages = sum(pagesByFile);
    const ourRoundMs = ourRounds.map((r) => sum(r.files.map((f) => f.ms)));
    const theirRoundMs = theirRounds.map((r) => sum(r));
    const oursRate = perSecond(pages, median(ourRoundMs));
    const theirRate = perSecond(pages, median(theirRoundMs));
    const parseMs = sum(split.files.map((f) => f.parseMs ?? 0));
    const cleanMs = sum(split.files.map((f) => f.cleanMs ?? 0));
    return {
      files: files.length,
      pages,
      bytes: sum(files.map((f) => f.bytes)),
      ours: {
        roundMs: ourRoundMs.map((m) => round(m)),
        pagesPerSecond: round(oursRate),
        cpuMs: round(median(ourRounds.map((r) => r.cpuMs))),
        peakRssMb: round(Math.max(...ourRounds.map((r) => r.maxRssKb), split.maxRssKb) / 1024),
        baselineRssMb: round(ready.rssKb / 1024),
        failures: ourRounds[0].files.filter((f) => f.outcome !== 'ok').map((f) => `${path.basename(f.file)}: ${f.outcome}`),
      },
      pdftotext: {
        version,
        roundMs: theirRoundMs.map((m) => round(m)),
        pagesPerSecond: round(theirRate),
        peakRssMb: theirPeak === null ? null : round(theirPeak / 1024),
      },
      pdftotextSpeedup: ratio(theirRate, oursRate),
      split: {
        parseMs: round(parseMs),
        cleanMs: round(cleanMs),
        parseShare: round(parseMs / (parseMs + cleanMs || 1), 4),
        cleanShare: round(cleanMs / (parseMs + cleanMs || 1), 4),
      },
      perFile: files.map((f, i) => ({
        file: f.name,
        pages: pagesByFile[i],
        oursMs: round(median(ourRounds.map((r) => r.files[i].ms))),
        pdftotextMs: round(median(theirRounds.map((r) => r[i]))),
      })),
    };
  } finally {
    child.kill();
  }
}

export const extractionBenchmark: Benchmark = {
  name: 'extraction',
  title: '1. Extraction: our extractor vs pdftotext',
  async run(ctx): Promise<BenchOutput> {
    const x = await measureExtraction(ctx);
    const slowest = [...x.perFile].sort((a, b) => b.oursMs / Math.max(1, b.pages) - a.oursMs / Math.max(1, a.pages)).slice(0, 3);
    return {
      tables: [
        {
          title: `${x.files} corpus PDFs, ${x.pages} pages, one file at a time, median of ${x.ours.roundMs.length} alternating rounds`,
          header: ['extractor', 'pages/s', 'ms/page', 'round s', 'peak RSS MB'],
          rows: [
            ['ours (pdf.js + layout, one thread)', x.ours.pagesPerSecond, 1000 / x.ours.pagesPerSecond, median(x.ours.roundMs) / 1000, x.ours.peakRssMb],
            [`pdftotext (${x.pdftotext.version.replace(/^pdftotext version /, 'poppler ')})`, x.pdftotext.pagesPerSecond, 1000 / x.pdftotext.pagesPerSecond, median(x.pdftotext.roundMs) / 1000, x.pdftotext.peakRssMb],
            ['ratio pdftotext ÷ ours', times(x.pdftotextSpeedup), null, null, times(ratio(x.pdftotext.peakRssMb ?? 0, x.ours.peakRssMb))],
          ],
        },
        {
          title: 'Where our extractor spends its time (separate pass, same files)',
          header: ['stage', 'ms', 'share %'],
          rows: [
            ['parse (pdf.js text items)', x.split.parseMs, x.split.parseShare * 100],
            ['clean (lines, columns, furniture, paragraphs)', x.split.cleanMs, x.split.cleanShare * 100],
          ],
        },
      ],
      notes: [
        `Our peak RSS is the whole child process (Node + pdf.js + tsx loader; ${x.ours.baselineRssMb} MB after warm-up); pdftotext's is the largest of its per-file processes (GNU time %M).`,
        'pdftotext only dumps text; ours also finds columns, drops headers/footers/footnotes and numbers paragraphs. The ratio is the price of that, not a like-for-like race.',
        `Slowest per page (ours): ${slowest.map((s) => `${s.file} ${Math.round(s.oursMs / Math.max(1, s.pages))} ms/page`).join('; ')}.`,
        ...(x.ours.failures.length ? [`Not extracted: ${x.ours.failures.join('; ')}.`] : []),
      ],
      json: x as unknown as Record<string, unknown>,
    };
  },
};
