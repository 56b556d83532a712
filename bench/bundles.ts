/**
 * 6. Lambda bundles: size of each function's bundle, built with the stack's own esbuild options
 * (infra/bundle-sizes.ts), and the time to import it cold in a fresh `node` process, from a folder
 * with no node_modules above it (as on Lambda). For scale, the same is measured for an empty Node
 * process (the floor) and for importing `natural` at its root (what a careless import would cost).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildFunctionBundle } from '../infra/bundle-sizes';
import { FUNCTION_BUNDLES, type FunctionName } from '../infra/bundling/options';
import { PROJECT_ROOT } from './lib/paths';
import { runCommand } from './lib/processes';
import { SkipBenchmark } from './lib/skip';
import { median, ratio, round } from './lib/stats';
import { times } from './lib/table';
import type { Benchmark, BenchOutput } from './lib/types';

const REPEATS = 5;

/** The environment the stack gives the functions (values that only need to be well-formed here). */
const LAMBDA_ENV = {
  GCM_BUCKET: 'gcm-bench-bucket',
  GCM_TABLE: 'gcm-bench-table',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POWERTOOLS_METRICS_NAMESPACE: 'GcmTaggerBench',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};

interface ImportTiming {
  what: string;
  medianMs: number;
  minMs: number;
  /** Whole process, spawn to exit. */
  processMs: number;
}

/** Runs a tiny ES module in a fresh node process that prints how long the measured part took. */
async function coldTiming(what: string, dir: string, script: string, repeats = REPEATS, env: NodeJS.ProcessEnv = {}): Promise<ImportTiming> {
  const file = path.join(dir, `time-${what.replace(/\W+/g, '-')}.mjs`);
  writeFileSync(file, script);
  const inner: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = await runCommand(process.execPath, [file], { keepOutput: true, env: { ...LAMBDA_ENV, ...env }, cwd: dir });
    const m = /GCM_MS=([\d.]+)/.exec(run.stdout);
    if (run.code !== 0 || !m) throw new Error(`${what}: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
    inner.push(Number(m[1]));
    whole.push(run.ms);
  }
  return { what, medianMs: round(median(inner)), minMs: round(Math.min(...inner)), processMs: round(median(whole)) };
}

const importScript = (specifier: string) =>
  `const t0 = performance.now();\nawait import(${JSON.stringify(specifier)});\nconsole.log('GCM_MS=' + (performance.now() - t0));\nprocess.exit(0);\n`;

const workerScript = (file: string) =>
  `import { Worker } from 'node:worker_threads';\nconst t0 = performance.now();\nconst w = new Worker(new URL(${JSON.stringify(`./${file}`)}, import.meta.url));\nw.on('message', (m) => { if (m.type === 'ready') { console.log('GCM_MS=' + (performance.now() - t0)); process.exit(0); } });\nw.on('error', (e) => { console.error(e); process.exit(2); });\n`;

function dirSizes(dir: string) {
  const files = readdirSync(dir)
    .filter((f) => statSync(path.join(dir, f)).isFile() && !f.startsWith('time-'))
    .sort()
    .map((file) => {
      const content = readFileSync(path.join(dir, file));
      return { file, bytes: content.byteLength, gzipBytes: gzipSync(content).byteLength };
    });
  const code = files.filter((f) => !f.file.endsWith('.map'));
  return {
    files,
    codeBytes: code.reduce((n, f) => n + f.bytes, 0),
    codeGzipBytes: code.reduce((n, f) => n + f.gzipBytes, 0),
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
  };
}

export const bundlesBenchmark: Benchmark = {
  name: 'bundles',
  title: '6. Lambda bundles: size and cold import',
  async run(ctx): Promise<BenchOutput> {
    const names = Object.keys(FUNCTION_BUNDLES) as FunctionName[];
    const missing = names.flatMap((n) => [FUNCTION_BUNDLES[n].main, ...FUNCTION_BUNDLES[n].extraFiles]).filter((s) => !existsSync(path.join(PROJECT_ROOT, s.entry)));
    if (missing.length) throw new SkipBenchmark(`function entry points not written yet: ${missing.map((m) => m.entry).join(', ')}`);
    const root = mkdtempSync(path.join(tmpdir(), 'gcm-bench-bundles-'));
    try {
      const functions = [];
      const timings: ImportTiming[] = [];
      timings.push(await coldTiming('empty node process', root, importScript('node:path')));
      for (const name of names) {
        const dir = path.join(root, name);
        ctx.log(`bundling ${name}`);
        const t0 = performance.now();
        await buildFunctionBundle(name, dir);
        const buildMs = performance.now() - t0;
        const sizes = dirSizes(dir);
        ctx.log(`cold-importing ${name} ${REPEATS}×`);
        const timing = await coldTiming(`${name} handler import`, dir, importScript(`./${FUNCTION_BUNDLES[name].main.outFile}`), REPEATS, {
          GCM_EXTRACT_WORKER_PATH: path.join(dir, 'extract-worker.mjs'),
          POWERTOOLS_SERVICE_NAME: `gcm-tagger-${name}`,
        });
        timings.push(timing);
        for (const extra of FUNCTION_BUNDLES[name].extraFiles) {
          timings.push(await coldTiming(`${name} ${extra.outFile} worker start`, dir, workerScript(extra.outFile)));
        }
        functions.push({ function: name, buildMs: round(buildMs), ...sizes, coldImport: timing });
      }
      ctx.log('importing natural at its root for comparison');
      timings.push(await coldTiming("import 'natural' (package root, from node_modules)", PROJECT_ROOT, importScript('natural'), 3));
      const naturalRoot = timings.at(-1)!;
      const ingest = timings.find((t) => t.what.startsWith('ingest handler'))!;
      return {
        tables: [
          {
            title: 'Bundles as the stack ships them (esbuild, ESM, minified, source maps beside)',
            header: ['function', 'files', 'code MB', 'code MB gzip', 'with maps MB', 'build s'],
            rows: functions.map((f) => [f.function, f.files.map((x) => x.file).join(', '), f.codeBytes / 1e6, f.codeGzipBytes / 1e6, f.totalBytes / 1e6, f.buildMs / 1000]),
          },
          {
            title: `Cold start in a fresh node ${process.version} process (median of ${REPEATS}; natural of 3)`,
            header: ['what', 'import ms (median)', 'min ms', 'process ms'],
            rows: [
              ...timings.map((t) => [t.what, t.medianMs, t.minMs, t.processMs]),
              ['ratio natural root ÷ ingest handler', times(ratio(naturalRoot.medianMs, ingest.medianMs)), null, null],
            ],
          },
        ],
        notes: [
          'Import time is module evaluation only (the handler builds its clients on the first event); "process ms" is spawn to exit, including Node\'s own start.',
          'The ingest function also starts the extraction worker thread before its first PDF; that row is the time until the worker reports ready.',
          'Lambda\'s limits are 50 MB zipped and 250 MB unzipped; gzip size stands in for the size inside the zip.',
        ],
        json: { functions, timings, node: process.version },
      };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
