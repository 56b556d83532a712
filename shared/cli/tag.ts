/**
 * npm run tag -- <file.pdf> [--json]
 * Extracts one PDF and tags its paragraphs, without any storage. Prints the elements the document
 * addresses with their best evidence, or with --json one object:
 *   { file, facts, classifierVersion, taxonomyVersion,
 *     document: { elements: [{ element, theme, score, bestScore, paragraphCount, addresses, evidence }] },
 *     paragraphs: [{ index, number, page, kind, text, tags: [{ element, theme, score, keywordHits, tfidfTerms }] }] }
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadClassifier } from '../core/classify/index';
import { closeExtractionPool, extractDocument } from '../core/extract/index';
import { getElement } from '../core/taxonomy/index';

const program = new Command()
  .name('tag')
  .description('Extract a PDF and tag its paragraphs against the 24 GCM elements (no storage)')
  .argument('<file>', 'path of the PDF')
  .option('--json', 'print one JSON object')
  .option('--all', 'also list elements that are tagged but not addressed')
  .action(async (file: string, opts: { json?: boolean; all?: boolean }) => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (err) {
      console.error(`tag: cannot read ${file}: ${(err as Error).message}`);
      process.exitCode = 2;
      return;
    }
    const result = await extractDocument(bytes);
    await closeExtractionPool();
    if (result.outcome !== 'ok') {
      const detail = result.outcome === 'failed' ? `${result.code}: ${result.reason}` : result.reason;
      if (opts.json) console.log(JSON.stringify({ file, outcome: result.outcome, reason: detail, facts: result.facts }));
      else console.error(`tag: ${file}: ${result.outcome} (${detail})`);
      process.exitCode = 1;
      return;
    }
    const doc = result.document;
    const classifier = loadClassifier();
    const paragraphs = doc.paragraphs.map((p) => ({
      index: p.index,
      number: p.number,
      page: p.page,
      kind: p.kind,
      text: p.text,
      tags: classifier.classifyText(p.text),
    }));
    const summary = classifier.summariseDocument(paragraphs);

    if (opts.json) {
      console.log(JSON.stringify({
        file,
        outcome: 'ok',
        facts: doc.facts,
        classifierVersion: classifier.version,
        taxonomyVersion: classifier.taxonomyVersion,
        document: { elements: summary },
        paragraphs: paragraphs.map((p) => ({
          ...p,
          tags: p.tags.map(({ classifierVersion: _v, ...t }) => t),
        })),
      }));
      return;
    }

    const out: string[] = [];
    out.push(`${file}`);
    out.push(`  ${doc.facts.pageCount} pages, ${doc.paragraphs.length} paragraphs, language ${doc.facts.language}, classifier ${classifier.version}`);
    const shown = summary.filter((s) => opts.all || s.addresses);
    if (shown.length === 0) out.push('  addresses no element');
    for (const s of shown) {
      const el = getElement(s.element);
      out.push('');
      out.push(`(${s.element}) ${el.label}  [theme ${s.theme}]  score ${s.score.toFixed(2)}, ${s.paragraphCount} paragraph(s)${s.addresses ? '' : ' — not addressed'}`);
      const best = paragraphs[s.evidence[0]];
      const tag = best.tags.find((t) => t.element === s.element)!;
      const where = `p.${best.page}${best.number ? ` para ${best.number}` : ''}`;
      out.push(`    ${where} (${tag.score.toFixed(2)}): ${excerpt(best.text, tag.keywordHits[0]?.start ?? 0)}`);
      out.push(`    matched: ${[...new Set(tag.keywordHits.map((h) => best.text.slice(h.start, h.end)))].slice(0, 5).join('; ')}`);
    }
    console.log(out.join('\n'));
  });

/** About 220 characters of the paragraph around the first hit. */
function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - 80);
  const s = text.slice(start, start + 220).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${s}${start + 220 < text.length ? '…' : ''}`;
}

program.parseAsync().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
