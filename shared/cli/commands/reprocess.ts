/**
 * `gcm reprocess --all | --prefix <p> | --only-failed | --only-outdated [--resume <runId>]`:
 * brings documents to the current classifier and extractor versions, with a progress bar, then
 * prints the run's counts. Running the same command after an interruption resumes the unfinished
 * run. See reprocess-deps.ts for where the work happens (in this process, or on AWS).
 */
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { InProcessQueue } from '../../local/queue';
import { formatScope, newRunId, runInProcess, type ReprocessRun, type RunScope } from '../../app/reprocess';
import type { reprocessTarget as ReprocessTargetFn } from './reprocess-deps';
import { table } from './format';
import { UsageError } from './upload';

interface ReprocessOpts {
  all?: boolean;
  prefix?: string;
  onlyFailed?: boolean;
  onlyOutdated?: boolean;
  resume?: string;
  concurrency: string;
  wait: boolean;
  json?: boolean;
}

export function scopeFromOptions(opts: ReprocessOpts): RunScope | { resume: string } {
  const chosen = [opts.all && 'all', opts.prefix !== undefined && 'prefix', opts.onlyFailed && 'failed', opts.onlyOutdated && 'outdated', opts.resume && 'resume'].filter(Boolean);
  if (chosen.length !== 1) throw new UsageError('choose exactly one of --all, --prefix <key prefix>, --only-failed, --only-outdated, --resume <run id>');
  if (opts.resume) return { resume: opts.resume };
  if (opts.prefix !== undefined) {
    if (!opts.prefix.trim()) throw new UsageError('--prefix needs a non-empty key prefix, e.g. uploads/GFMD/');
    return { kind: 'prefix', prefix: opts.prefix };
  }
  return { kind: opts.all ? 'all' : opts.onlyFailed ? 'failed' : 'outdated' };
}

export function registerReprocess(program: Command): void {
  program
    .command('reprocess')
    .description('re-tag (or re-extract) documents at the current classifier and extractor versions, as a resumable run')
    .option('--all', 'every document')
    .option('--prefix <prefix>', 'documents uploaded under this S3 key prefix')
    .option('--only-failed', 'documents whose status is failed')
    .option('--only-outdated', 'documents not yet at the current classifier or extractor version')
    .option('--resume <runId>', 'resume an interrupted run (the same scope option again does this too)')
    .option('--concurrency <n>', 'documents processed at once (local runs)', '2')
    .option('--no-wait', 'on AWS: start the run and return without following it')
    .option('--json', 'print the final run record as JSON')
    .action(async (opts: ReprocessOpts) => {
      const scope = scopeFromOptions(opts);
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError('--concurrency must be 1–16');
      // Loaded on use: it pulls in the extractor and the classifier, which other commands never need.
      const { reprocessTarget } = await import('./reprocess-deps');
      const target = reprocessTarget();
      const bar = new SingleBar({ format: 'reprocessing [{bar}] {value}/{total} done {done} · unchanged {unchanged} · failed {failed} · {status}', hideCursor: true }, Presets.shades_classic);
      const showBar = process.stderr.isTTY && !opts.json;
      let started = false;
      const progress = (run: ReprocessRun) => {
        if (!showBar) return;
        const finished = run.counts.done + run.counts.unchanged + run.counts.failed;
        const values = { ...run.counts, status: run.planned ? run.status : 'listing documents…' };
        if (!started) {
          bar.start(Math.max(run.total, 1), finished, values);
          started = true;
        }
        bar.setTotal(Math.max(run.total, 1));
        bar.update(finished, values);
      };
      let run: ReprocessRun;
      try {
        if (target.mode === 'local') {
          await target.checkLayout();
          const maxReceiveCount = 3;
          const result = await runInProcess(target.deps, scope, {
            makeQueue: (consumer) => new InProcessQueue({ consumer, concurrency, maxReceiveCount, baseDelayMs: 200 }),
            maxReceiveCount,
            onProgress: progress,
          });
          run = result.run;
          if (result.resumed && !opts.json) console.error(`resumed run ${run.runId}`);
        } else {
          run = await startOnAws(target, scope, opts.wait, progress);
        }
      } finally {
        if (started) bar.stop();
        target.close();
      }
      if (opts.json) return console.log(JSON.stringify(run, null, 2));
      printRun(run);
      if (run.status !== 'running') console.log(`\nchanges: npm run gcm -- runs changes ${run.runId} [--csv]`);
      if (run.counts.failed > 0) process.exitCode = 1;
    });
}

/** AWS: the deployed function creates the run (at its own versions) from a start message; follow its record. */
async function startOnAws(target: ReturnType<typeof ReprocessTargetFn>, scope: RunScope | { resume: string }, wait: boolean, progress: (r: ReprocessRun) => void): Promise<ReprocessRun> {
  const runs = target.deps.runs;
  let runId: string;
  if ('resume' in scope) {
    runId = scope.resume;
    const existing = await runs.getRun(runId);
    if (!existing) throw new UsageError(`no run ${runId}`);
    // Resuming on AWS: a start message for the same scope makes the function pick the run up.
    await target.sender!.send([{ type: 'start', runId: newRunId(new Date()), scope: existing.scope }]);
  } else {
    runId = newRunId(new Date());
    await target.sender!.send([{ type: 'start', runId, scope: formatScope(scope) }]);
  }
  const scopeText = 'resume' in scope ? (await runs.getRun(scope.resume))!.scope : formatScope(scope);
  const deadline = Date.now() + 120_000;
  let run: ReprocessRun | undefined;
  for (;;) {
    run = (await runs.getRun(runId)) ?? (await runningWithScope(target, scopeText));
    if (run && (!wait || run.status !== 'running')) break;
    if (run) progress(run);
    if (!run && Date.now() > deadline) throw new Error(`the reprocess function has not created run ${runId} after 2 minutes (see its logs)`);
    await new Promise((r) => setTimeout(r, 2000));
  }
  return run;
}

/** The function resumes a running run with the same scope instead of creating the requested one. */
async function runningWithScope(target: ReturnType<typeof ReprocessTargetFn>, scope: string): Promise<ReprocessRun | undefined> {
  const recent = await target.deps.runs.listRuns(10);
  return recent.items.find((r) => r.status === 'running' && r.scope === scope);
}

export function printRun(run: ReprocessRun): void {
  console.log(
    table(
      ['run', 'scope', 'status', 'total', 'done', 'unchanged', 'failed', 'pending', 'started', 'ended'],
      [[run.runId, run.scope, run.status, run.total, run.counts.done, run.counts.unchanged, run.counts.failed, run.counts.pending, run.startedAt, run.endedAt ?? '']],
    ),
  );
  console.log(`target: classifier ${run.targetVersion}, extractor ${run.extractorVersion}`);
}

