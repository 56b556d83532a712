/** `gcm coverage [--csv] [--out file]`: the documents × elements matrix. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiClient, apiOptionsFromEnv } from './api-client';
import { shortId, table } from './format';

export function registerCoverage(program: Command): void {
  program
    .command('coverage')
    .description('documents × elements matrix (scores of addressed elements)')
    .option('--csv', 'CSV instead of a table')
    .option('--out <file>', 'write to a file instead of the terminal')
    .action(async (opts: { csv?: boolean; out?: string }) => {
      const api = new ApiClient(apiOptionsFromEnv());
      let output: string;
      if (opts.csv) {
        output = await api.text('/coverage?format=csv');
      } else {
        const cov = await api.json('/coverage');
        output =
          table(
            ['id', 'title', ...cov.elements],
            cov.documents.map((d: any) => [shortId(d.documentId), d.title ?? d.key, ...cov.elements.map((e: string) => (d.scores[e] === null ? '.' : '●'))]),
            40,
          ) + `\n\ndocuments per element: ${cov.elements.map((e: string) => `${e}=${cov.totals[e]}`).join(' ')}\n`;
      }
      if (opts.out) {
        writeFileSync(opts.out, output);
        console.error(`wrote ${opts.out}`);
      } else {
        process.stdout.write(output);
      }
    });
}
