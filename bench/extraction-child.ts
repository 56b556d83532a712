/**
 * Child process of the extraction benchmark: runs our extractor on the calling thread, one file at a
 * time, so its figures compare with one `pdftotext` process per file. Lives in its own process so
 * that its peak RSS (process.resourceUsage().maxRSS) is the extractor's, not the benchmark runner's.
 * Protocol: posts { type: 'ready' } after a warm-up; answers { files, split } with a RoundReport.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_LIMITS, extractInProcess, layoutDocument, readPages } from '../shared/core/extract';

export interface FileTiming {
  file: string;
  pages: number;
  ms: number;
  outcome: string;
  /** Only in a split round: reading pages with pdf.js vs layout/clean-up/paragraphs. */
  parseMs?: number;
  cleanMs?: number;
}

export interface RoundReport {
  type: 'round';
  files: FileTiming[];
  cpuMs: number;
  maxRssKb: number;
}

export interface ReadyReport {
  type: 'ready';
  /** RSS after loading the extractor and one warm-up file: the floor under the peak. */
  rssKb: number;
}

async function timeOne(file: string, split: boolean): Promise<FileTiming> {
  const bytes = new Uint8Array(readFileSync(file));
  if (split) {
    const t0 = performance.now();
    const raw = await readPages(bytes, { maxPages: DEFAULT_LIMITS.maxPages });
    const t1 = performance.now();
    layoutDocument(raw);
    const t2 = performance.now();
    return { file, pages: raw.pageCount, ms: t2 - t0, outcome: 'ok', parseMs: t1 - t0, cleanMs: t2 - t1 };
  }
  const t0 = performance.now();
  const result = await extractInProcess(bytes, DEFAULT_LIMITS);
  const ms = performance.now() - t0;
  const pages = result.outcome === 'ok' ? result.document.facts.pageCount : (result.facts.pageCount ?? 0);
  return { file, pages, ms, outcome: result.outcome };
}

process.on('message', async (msg: { files: string[]; split?: boolean; warmup?: string }) => {
  if (msg.warmup) {
    await timeOne(msg.warmup, false);
    process.send!({ type: 'ready', rssKb: Math.round(process.memoryUsage().rss / 1024) } satisfies ReadyReport);
    return;
  }
  const cpu0 = process.cpuUsage();
  const files: FileTiming[] = [];
  for (const f of msg.files) {
    try {
      files.push(await timeOne(f, Boolean(msg.split)));
    } catch (err) {
      files.push({ file: f, pages: 0, ms: 0, outcome: `error: ${(err as Error).message}` });
    }
  }
  const cpu = process.cpuUsage(cpu0);
  process.send!({ type: 'round', files, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS } satisfies RoundReport);
});
