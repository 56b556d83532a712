/** `gcm show <docId>`: a document's metadata, status and per-element tags (id prefix accepted). */
import type { Command } from 'commander';
import { ApiClient, apiOptionsFromEnv, query } from './api-client';
import { score, table } from './format';

export async function resolveDocumentId(api: ApiClient, idOrPrefix: string): Promise<string> {
  if (/^[0-9a-f]{64}$/.test(idOrPrefix)) return idOrPrefix;
  if (!/^[0-9a-f]{4,63}$/.test(idOrPrefix)) throw new Error('document id must be hex (at least 4 characters of it)');
  const matches: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.json(`/documents${query({ limit: 100, cursor })}`);
    for (const d of page.items) if (d.documentId.startsWith(idOrPrefix)) matches.push(d.documentId);
    cursor = page.nextCursor;
  } while (cursor);
  if (matches.length !== 1) throw new Error(matches.length ? `"${idOrPrefix}" matches ${matches.length} documents` : `no document starts with "${idOrPrefix}"`);
  return matches[0];
}

export function registerShow(program: Command): void {
  program
    .command('show <docId>')
    .description("show a document's metadata, status and element tags (a unique id prefix is enough)")
    .option('--paragraphs [element]', 'also print the tagged paragraphs (optionally only for one element)')
    .option('--json', 'print JSON')
    .action(async (idArg: string, opts: { paragraphs?: string | boolean; json?: boolean }) => {
      const api = new ApiClient(apiOptionsFromEnv());
      const id = await resolveDocumentId(api, idArg);
      const doc = await api.json(`/documents/${id}`);
      if (opts.json && !opts.paragraphs) return console.log(JSON.stringify(doc, null, 2));
      console.log(`${doc.title ?? '(no title)'}
  id        ${doc.documentId}
  key       ${doc.keys.join(', ')}
  status    ${doc.status}${doc.reason ? ` — ${doc.reason}` : ''}
  process   ${doc.process ?? '-'}   type ${doc.type ?? '-'}   meeting ${doc.meetingDate ?? '-'}
  pages     ${doc.pages ?? '-'}   language ${doc.language ?? '-'}   paragraphs ${doc.paragraphCount}
  versions  extractor ${doc.extractorVersion ?? '-'}, classifier ${doc.currentVersion ?? '-'}
`);
      if (doc.elements.length) {
        console.log(
          table(
            ['element', 'label', 'addresses', 'score', 'paragraphs', 'best evidence'],
            [...doc.elements]
              .sort((a: any, b: any) => b.score - a.score)
              .map((s: any) => [s.element, s.label, s.addresses ? 'yes' : 'no', score(s.score), s.paragraphCount, s.evidence.join(', ')]),
          ),
        );
      }
      if (opts.paragraphs && doc.currentVersion) {
        const element = typeof opts.paragraphs === 'string' ? opts.paragraphs : undefined;
        const paras = await api.json(`/documents/${id}/paragraphs${query({ element })}`);
        if (opts.json) return console.log(JSON.stringify(paras, null, 2));
        for (const p of paras.items) {
          const tags = p.tags.map((t: any) => `${t.element}:${score(t.score)}`).join(' ');
          console.log(`\n[${p.index}${p.number ? ` ¶${p.number}` : ''} p.${p.page}] ${tags}\n${p.text}`);
        }
      }
    });
}
