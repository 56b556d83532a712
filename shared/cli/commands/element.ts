/** `gcm element <id>`: documents addressing an element, best first, with their best evidence. */
import type { Command } from 'commander';
import { ApiClient, apiOptionsFromEnv, query } from './api-client';
import { score, shortId } from './format';

export function registerElement(program: Command): void {
  program
    .command('element <id>')
    .description('documents addressing element <id> (a–x), best first, with evidence paragraphs')
    .option('--min-score <n>', 'minimum document score (0–1)')
    .option('--process <name>', 'consultation process')
    .option('--type <type>', 'document type')
    .option('--from <date>', 'meeting date on or after (YYYY-MM-DD)')
    .option('--to <date>', 'meeting date on or before (YYYY-MM-DD)')
    .option('--limit <n>', 'how many documents', '20')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Record<string, string | boolean | undefined>) => {
      const api = new ApiClient(apiOptionsFromEnv());
      const page = await api.json(
        `/elements/${encodeURIComponent(id)}/documents${query({
          minScore: opts.minScore as string,
          process: opts.process as string,
          type: opts.type as string,
          from: opts.from as string,
          to: opts.to as string,
          limit: opts.limit as string,
        })}`,
      );
      if (opts.json) return console.log(JSON.stringify(page, null, 2));
      console.log(`(${page.element.id}) ${page.element.label} — theme ${page.element.theme}\n`);
      if (!page.items.length) console.log('No documents address this element (with these filters).');
      for (const d of page.items) {
        console.log(`${score(d.score)}  ${shortId(d.documentId)}  ${d.title ?? d.key}${d.process ? `  [${d.process}${d.meetingDate ? `, ${d.meetingDate}` : ''}]` : ''}`);
        for (const e of d.evidence) {
          console.log(`        ¶${e.number ?? `#${e.index}`} p.${e.page}: ${e.snippet}`);
          console.log(`        terms: ${e.matchedTerms.join(', ')}`);
        }
      }
      if (page.nextCursor) console.log(`\n(more documents: raise --limit)`);
    });
}
