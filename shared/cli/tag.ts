/**
 * npm run tag -- <file-or-folder>... [--json | --jsonl] [--all]
 * Extracts PDFs and tags their paragraphs, without any storage. Folders are searched recursively.
 * Prints, per document, the elements it addresses with their best evidence; with --json one object
 * (for several documents, a JSON array of them), with --jsonl one object per line, as it goes:
 *   { file, outcome, facts, classifierVersion, taxonomyVersion,
 *     document: { elements: [{ element, theme, score, bestScore, paragraphCount, addresses, evidence }] },
 *     paragraphs: [{ index, number, page, kind, text, tags: [{ element, theme, score, keywordHits, tfidfTerms }] }] }
 * A document that cannot be tagged gives { file, outcome, reason, facts } and the exit code 1;
 * the other documents are still tagged.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadClassifier } from '../core/classify/index';
import { closeExtractionPool, extractDocument } from '../core/extract/index';
import { getElement } from '../core/taxonomy/index';
import { findPdfs, UsageError } from './lib/find-pdfs';

const classifier = () => loadClassifier();

/** One document as the JSON the --json and --jsonl outputs share. */
export async function tagFile(file: string) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    return { file, outcome: 'failed' as const, reason: `cannot read the file: ${(err as Error).message}`, facts: {} };
  }
  const result = await extractDocument(bytes);
  if (result.outcome !== 'ok') {
    const reason = result.outcome === 'failed' ? `${result.code}: ${result.reason}` : result.reason;
    return { file, outcome: result.outcome, reason, facts: result.facts };
  }
  const doc = result.document;
  const clf = classifier();
  const tagged = clf.classifyDocument(doc.paragraphs, { title: doc.facts.title });
  return {
    file,
    outcome: 'ok' as const,
    facts: doc.facts,
    classifierVersion: clf.version,
    taxonomyVersion: clf.taxonomyVersion,
    document: { elements: tagged.elements },
    paragraphs: doc.paragraphs.map((p, i) => ({
      index: p.index,
      number: p.number,
      page: p.page,
      kind: p.kind,
      text: p.text,
      tags: tagged.paragraphs[i].map(({ classifierVersion: _v, ...t }) => t),
    })),
  };
}

type Tagged = Awaited<ReturnType<typeof tagFile>>;

function printHuman(r: Tagged, all: boolean): string {
  if (r.outcome !== 'ok') return `${r.file}: ${r.outcome} (${r.reason})`;
  const out: string[] = [];
  out.push(`${r.file}`);
  out.push(`  ${r.facts.pageCount} pages, ${r.paragraphs.length} paragraphs, language ${r.facts.language}, classifier ${r.classifierVersion}`);
  const shown = r.document.elements.filter((s) => all || s.addresses);
  if (shown.length === 0) out.push('  addresses no element');
  for (const s of shown) {
    const el = getElement(s.element);
    out.push('');
    out.push(`(${s.element}) ${el.label}  [theme ${s.theme}]  score ${s.score.toFixed(2)}, ${s.paragraphCount} paragraph(s)${s.addresses ? '' : ' — not addressed'}`);
    const best = r.paragraphs.find((p) => p.index === s.evidence[0])!;
    const tag = best.tags.find((t) => t.element === s.element)!;
    const where = `p.${best.page}${best.number ? ` para ${best.number}` : ''}`;
    out.push(`    ${where} (${tag.score.toFixed(2)}): ${excerpt(best.text, tag.keywordHits[0]?.start ?? 0)}`);
    const matched = [...new Set(tag.keywordHits.map((h) => best.text.slice(h.start, h.end)))].slice(0, 5);
    if (matched.length) out.push(`    matched: ${matched.join('; ')}`);
  }
  return out.join('\n');
}

/** About 220 characters of the paragraph around the first hit. */
function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - 80);
  const s = text.slice(start, start + 220).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${s}${start + 220 < text.length ? '…' : ''}`;
}

const program = new Command()
  .name('tag')
  .description('Extract PDFs and tag their paragraphs against the 24 GCM elements (no storage)')
  .argument('<paths...>', 'PDF files or folders of PDFs')
  .option('--json', 'print one JSON object (an array of them for several documents)')
  .option('--jsonl', 'print one JSON object per line, one line per document')
  .option('--all', 'also list elements that are tagged but not addressed')
  .action(async (paths: string[], opts: { json?: boolean; jsonl?: boolean; all?: boolean }) => {
    if (opts.json && opts.jsonl) throw new UsageError('choose one of --json and --jsonl');
    const files = paths.flatMap((p) => findPdfs(p));
    const collected: Tagged[] = [];
    try {
      for (const file of files) {
        const r = await tagFile(file);
        if (r.outcome !== 'ok') process.exitCode = 1;
        if (opts.jsonl) process.stdout.write(`${JSON.stringify(r)}\n`);
        else if (opts.json) collected.push(r);
        else console.log(printHuman(r, Boolean(opts.all)));
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(files.length === 1 ? collected[0] : collected)}\n`);
    } finally {
      await closeExtractionPool();
    }
  });

program.parseAsync().catch((err) => {
  console.error(`tag: ${err instanceof UsageError ? err.message : String(err)}`);
  process.exitCode = 2;
});
