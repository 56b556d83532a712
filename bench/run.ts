/**
 * `npm run bench`: every benchmark in one run, each printing its tables and writing JSON under
 * bench/results/ (git-ignored). `npm run bench -- --only extraction,classification` runs a subset.
 * A benchmark whose inputs are missing (corpus, pdftotext, function entry points) is skipped with
 * its reason; any other error is reported and the run continues, exiting non-zero at the end.
 */
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { BENCHMARKS } from './registry';
import { DEFAULT_RESULTS_DIR } from './lib/paths';
import { writeResult } from './lib/results';
import { SkipBenchmark } from './lib/skip';
import { renderTable } from './lib/table';
import type { BenchContext } from './lib/types';

const names = BENCHMARKS.map((b) => b.name);

function parseOnly(value: string): string[] {
  const picked = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = picked.filter((p) => !names.includes(p));
  if (unknown.length) throw new InvalidArgumentError(`unknown benchmark(s) ${unknown.join(', ')}; choose from ${names.join(', ')}`);
  return picked;
}

const program = new Command()
  .name('bench')
  .description('Speed, scale and cost of gcm-tagger against the obvious alternatives')
  .option('--only <names>', `comma-separated subset of: ${names.join(', ')}`, parseOnly)
  .option('--out <dir>', 'folder for the JSON results', DEFAULT_RESULTS_DIR)
  .parse();

const opts = program.opts<{ only?: string[]; out: string }>();
// The AWS SDK warns once per process that releases after January 2027 will need Node 22; the
// project targets Node 20 today, and the warning would land in the middle of the tables.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const selected = BENCHMARKS.filter((b) => !opts.only || opts.only.includes(b.name));
const started = performance.now();
const ctx: BenchContext = {
  resultsDir: path.resolve(opts.out),
  log: (m) => process.stderr.write(`  · ${m}\n`),
  earlier: new Map(),
};
const summary: Array<{ name: string; status: string; seconds: number; detail?: string }> = [];

for (const bench of selected) {
  console.log(`\n## ${bench.title}\n`);
  const t0 = performance.now();
  try {
    const out = await bench.run(ctx);
    for (const t of out.tables) console.log(`${t.title}\n\n${renderTable(t.header, t.rows)}\n`);
    for (const n of out.notes) console.log(`- ${n}`);
    const seconds = (performance.now() - t0) / 1000;
    const file = writeResult(ctx.resultsDir, bench.name, { seconds, tables: out.tables, notes: out.notes, figures: out.json });
    ctx.earlier.set(bench.name, out.json);
    console.log(`\n(${seconds.toFixed(1)} s; ${path.relative(process.cwd(), file)})`);
    summary.push({ name: bench.name, status: 'ok', seconds });
  } catch (err) {
    const seconds = (performance.now() - t0) / 1000;
    if (err instanceof SkipBenchmark) {
      console.log(`skipped: ${err.message}`);
      writeResult(ctx.resultsDir, bench.name, { skipped: err.message });
      summary.push({ name: bench.name, status: 'skipped', seconds, detail: err.message });
    } else {
      console.log(`FAILED: ${(err as Error).stack ?? String(err)}`);
      summary.push({ name: bench.name, status: 'failed', seconds, detail: (err as Error).message });
    }
  }
}

const total = (performance.now() - started) / 1000;
console.log(`\n## Summary (${total.toFixed(0)} s in all)\n`);
console.log(renderTable(['benchmark', 'status', 's', 'detail'], summary.map((s) => [s.name, s.status, s.seconds, s.detail ?? ''])));
writeResult(ctx.resultsDir, 'summary', { seconds: total, benchmarks: summary });
process.exitCode = summary.some((s) => s.status === 'failed') ? 1 : 0;
