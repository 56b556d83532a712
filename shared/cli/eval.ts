/**
 * npm run eval -- <gold.jsonl> [--json]
 * Classifies each line's text as one paragraph and reports per-element precision, recall, F1 and
 * support, micro and macro averages, and the most frequent confusions.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadClassifier } from '../core/classify/index';
import { evaluateClassifier, GoldFormatError, parseGold, type EvaluationReport } from '../core/evaluate/index';

const pct = (x: number) => (x * 100).toFixed(1).padStart(6);

function printTable(r: EvaluationReport, version: string, file: string) {
  const lines: string[] = [];
  lines.push(`${file}: ${r.items} items, classifier ${version}`);
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

const program = new Command()
  .name('eval')
  .description('Evaluate the classifier on a gold JSONL file of {id, text, elements[]}')
  .argument('<gold>', 'path of the gold .jsonl file')
  .option('--json', 'print one JSON object instead of a table')
  .action((file: string, opts: { json?: boolean }) => {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (err) {
      console.error(`eval: cannot read ${file}: ${(err as Error).message}`);
      process.exit(2);
    }
    let gold;
    try {
      gold = parseGold(content);
    } catch (err) {
      if (err instanceof GoldFormatError) {
        console.error(`eval: ${file}: ${err.message}`);
        process.exit(2);
      }
      throw err;
    }
    const classifier = loadClassifier();
    const report = evaluateClassifier(classifier, gold);
    if (opts.json) console.log(JSON.stringify({ file, classifierVersion: classifier.version, taxonomyVersion: classifier.taxonomyVersion, ...report }));
    else printTable(report, classifier.version, file);
  });

program.parse();
