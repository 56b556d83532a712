/** `gcm documents [--status s]`: lists documents, newest change first. */
import type { Command } from 'commander';
import { ApiClient, apiOptionsFromEnv, query } from './api-client';
import { shortId, table } from './format';

export function registerDocuments(program: Command): void {
  program
    .command('documents')
    .description('list documents (optionally by status: received, processing, ocr-pending, tagged, needs-ocr, failed)')
    .option('--status <status>', 'only documents with this status')
    .option('--limit <n>', 'page size', '50')
    .option('--all', 'follow cursors to the end')
    .option('--json', 'print JSON')
    .action(async (opts: { status?: string; limit: string; all?: boolean; json?: boolean }) => {
      const api = new ApiClient(apiOptionsFromEnv());
      const items: any[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.json(`/documents${query({ status: opts.status, limit: opts.limit, cursor })}`);
        items.push(...page.items);
        cursor = opts.all ? page.nextCursor : undefined;
        if (!opts.all && page.nextCursor) console.error(`(more: use --all)`);
      } while (cursor);
      if (opts.json) return console.log(JSON.stringify(items, null, 2));
      console.log(
        table(
          ['id', 'status', 'elements', 'process', 'type', 'date', 'title / reason'],
          items.map((d) => [shortId(d.documentId), d.status, d.addresses.join(''), d.process, d.type, d.meetingDate, d.reason ?? d.title ?? d.key]),
        ),
      );
    });
}
