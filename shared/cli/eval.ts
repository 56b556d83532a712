/**
 * npm run eval -- <gold.jsonl> [--json]
 * Two kinds of labelled file, told apart by their lines:
 * - written paragraphs {id, text, elements}: each text is classified on its own;
 * - real documents {doc, index, textHash, elements} (test/fixtures/real/): each PDF of ../shared is
 *   extracted (cached in .cache/extract) and classified whole, as ingestion does, and both
 *   paragraph figures and document figures (which elements each document addresses) are reported.
 * Per-element precision, recall, F1 and support, micro and macro averages, frequent confusions.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadClassifier } from '../core/classify/index';
import { evaluateClassifier, evaluateDocuments, GoldFormatError, parseGold, type EvaluationReport } from '../core/evaluate/index';
import { closeExtractionPool } from '../core/extract/index';
import { LabelledSetError, loadRealSet } from './lib/labelled-documents';

const pct = (x: number) => (x * 100).toFixed(1).padStart(6);

function printTable(r: EvaluationReport, version: string, file: string, unit = 'items') {
  const lines: string[] = [];
  lines.push(`${file}: ${r.items} ${unit}, classifier ${version}`);
  lines.push('element  precision  recall      F1  support   tp  fp  fn');
  for (const [e, m] of Object.entries(r.elements)) {
    lines.push(`   ${e}       ${pct(m.precision)}  ${pct(m.recall)}  ${pct(m.f1)}  ${String(m.support).padStart(7)}  ${String(m.truePositives).padStart(3)} ${String(m.falsePositives).padStart(3)} ${String(m.falseNegatives).padStart(3)}`);
  }
  lines.push(`micro       ${pct(r.micro.precision)}  ${pct(r.micro.recall)}  ${pct(r.micro.f1)}`);
  lines.push(`macro       ${pct(r.macro.precision)}  ${pct(r.macro.recall)}  ${pct(r.macro.f1)}`);
  lines.push(`items with gold but no prediction: ${r.missedItems}; items without gold but tagged: ${r.spuriousItems}`);
  lines.push('worst confusions (predicted ← gold of the same item):');
  for (const c of r.confusions.slice(0, 10)) lines.push(`  ${c.predicted} ← ${c.gold ?? '(none)'}  ×${c.count}`);
  console.log(lines.join('\n'));
}

/** A real labelled set has {doc, index, textHash} lines; a written one {id, text}. */
function isRealSet(content: string): boolean {
  const first = content.split(/\r?\n/).find((l) => l.trim() !== '');
  try {
    const o = JSON.parse(first ?? '');
    return typeof o?.doc === 'string' && typeof o?.textHash === 'string';
  } catch {
    return false;
  }
}

async function evaluateRealSet(file: string, json: boolean) {
  const classifier = loadClassifier();
  let set;
  try {
    set = await loadRealSet(file);
  } finally {
    await closeExtractionPool();
  }
  const r = evaluateDocuments(classifier, set.documents);
  if (json) {
    console.log(JSON.stringify({ file, kind: 'real-documents', classifierVersion: classifier.version, taxonomyVersion: classifier.taxonomyVersion, labels: set.labels, unmatchedLabels: set.unmatched, ...r }));
    return;
  }
  console.log(`${set.documents.length} documents, ${set.labels} labels (${set.unmatched} no longer find their paragraph)\n`);
  printTable(r.paragraphs, classifier.version, `${file}, paragraphs`, 'labelled paragraphs');
  console.log('');
  printTable(r.addresses, classifier.version, `${file}, documents (elements addressed)`, 'documents');
}

const program = new Command()
  .name('eval')
  .description('Evaluate the classifier on written paragraphs ({id, text, elements}) or labelled real documents ({doc, index, textHash, elements})')
  .argument('<gold>', 'path of the labelled .jsonl file')
  .option('--json', 'print one JSON object instead of a table')
  .action(async (file: string, opts: { json?: boolean }) => {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (err) {
      console.error(`eval: cannot read ${file}: ${(err as Error).message}`);
      process.exit(2);
    }
    try {
      if (isRealSet(content)) {
        await evaluateRealSet(file, opts.json ?? false);
        return;
      }
      const gold = parseGold(content);
      const classifier = loadClassifier();
      const report = evaluateClassifier(classifier, gold);
      if (opts.json) console.log(JSON.stringify({ file, kind: 'written-paragraphs', classifierVersion: classifier.version, taxonomyVersion: classifier.taxonomyVersion, ...report }));
      else printTable(report, classifier.version, file);
    } catch (err) {
      if (err instanceof GoldFormatError || err instanceof LabelledSetError) {
        console.error(`eval: ${file}: ${err.message}`);
        process.exit(2);
      }
      throw err;
    }
  });

await program.parseAsync();
