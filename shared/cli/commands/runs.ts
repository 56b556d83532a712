/**
 * `gcm runs`: reprocessing runs through the query API.
 *   gcm runs                          recent runs
 *   gcm runs show <id>                one run's record
 *   gcm runs changes <id> [--csv]     documents that gained or lost elements (CSV for review)
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { toCsv } from '../../app/api/csv';
import { ApiClient, apiOptionsFromEnv, query } from './api-client';
import { shortId, table } from './format';

export function registerRuns(program: Command): void {
  const runs = program
    .command('runs')
    .description('reprocessing runs: list, show <id>, changes <id>')
    .option('--limit <n>', 'how many runs', '20')
    .option('--json', 'print JSON')
    .action(async (opts: { limit: string; json?: boolean }) => {
      const page = await new ApiClient(apiOptionsFromEnv()).json(`/runs${query({ limit: opts.limit })}`);
      if (opts.json) return console.log(JSON.stringify(page.items, null, 2));
      console.log(
        table(
          ['run', 'scope', 'status', 'total', 'done', 'unchanged', 'failed', 'pending', 'started'],
          page.items.map((r: any) => [r.runId, r.scope, r.status, r.total, r.counts.done, r.counts.unchanged, r.counts.failed, r.counts.pending, r.startedAt]),
        ),
      );
    });

  runs
    .command('show <id>')
    .description('a run: status, counts, scope, target versions, start and end')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const run = await new ApiClient(apiOptionsFromEnv()).json(`/runs/${encodeURIComponent(id)}`);
      if (opts.json) return console.log(JSON.stringify(run, null, 2));
      const rows: Array<[string, unknown]> = [
        ['run', run.runId],
        ['scope', run.scope],
        ['status', run.status],
        ['classifier', run.targetVersion],
        ['extractor', run.extractorVersion],
        ['total', `${run.total}${run.planned ? '' : ' (still listing documents)'}`],
        ['done', run.counts.done],
        ['unchanged', run.counts.unchanged],
        ['failed', run.counts.failed],
        ['pending', run.counts.pending],
        ['started', run.startedAt],
        ['ended', run.endedAt ?? ''],
      ];
      for (const [k, v] of rows) console.log(`${k.padEnd(11)} ${v}`);
    });

  runs
    .command('changes <id>')
    .description('documents whose elements the run changed (gained, lost, paragraph counts)')
    .option('--state <state>', 'instead: every document in this state (pending, done, failed, unchanged)')
    .option('--csv', 'CSV output')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { state?: string; csv?: boolean; out?: string; json?: boolean }) => {
      const api = new ApiClient(apiOptionsFromEnv());
      const items: any[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.json(`/runs/${encodeURIComponent(id)}/changes${query({ state: opts.state, limit: 500, cursor })}`);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      let out: string;
      if (opts.json) out = JSON.stringify(items, null, 2);
      else if (opts.csv) out = changesCsv(items);
      else {
        out = items.length
          ? table(
              ['id', 'state', 'gained', 'lost', 'recounted', 'title / key'],
              items.map((i) => [shortId(i.documentId), i.state, i.gained.join(''), i.lost.join(''), recounted(i.recounted), i.reason ?? i.title ?? i.key]),
            )
          : opts.state ? `no document is ${opts.state} in run ${id}` : `run ${id} changed no document's elements`;
      }
      if (opts.out) {
        writeFileSync(opts.out, out.endsWith('\n') ? out : `${out}\n`);
        console.error(`${items.length} row(s) written to ${opts.out}`);
      } else console.log(out.replace(/\r?\n$/, ''));
    });
}

function recounted(list: Array<{ element: string; before: number; after: number }>): string {
  return list.map((r) => `${r.element}:${r.before}→${r.after}`).join(' ');
}

/** One row per document: gained and lost as element letters separated by spaces. */
export function changesCsv(items: any[]): string {
  return toCsv(
    ['documentId', 'key', 'title', 'state', 'gained', 'lost', 'recounted', 'fromVersion', 'toVersion', 'reason'],
    items.map((i) => [i.documentId, i.key, i.title, i.state, i.gained.join(' '), i.lost.join(' '), recounted(i.recounted), i.fromVersion, i.toVersion, i.reason]),
  );
}
