/**
 * npm run train -- [--real <labels.jsonl>]... [--written <gold.jsonl>]... [--set name=value]... [--write]
 *
 * Trains the scorer on labelled real documents (PDFs of ../shared with paragraph labels, document
 * context included) and written paragraphs, reports cross-validated figures (grouped by document),
 * and with --write stores the model as data: shared/core/classify/model/scorer.json (part of the
 * classifier version) and model/training-report.json (the figures, for people).
 * Defaults: test/fixtures/real/dev.jsonl; ../shared/eval/dev.jsonl and the written realistic,
 * realistic-2 and realistic-3 sets. Never the sealed sets (test/fixtures/real/sealed.jsonl and sealed-2.jsonl,
 * test/fixtures/labelled/realistic-4.jsonl, paragraphs.jsonl): they measure.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { defaultClassifierData } from '../core/classify/index';
import { createEvidenceExtractor } from '../core/classify/evidence';
import { DEFAULT_TRAIN_OPTIONS, trainScorer, type TrainOptions, type TrainingReport } from '../core/classify/train/train';
import type { LabelledDocument } from '../core/classify/train/types';
import { closeExtractionPool, EXTRACTOR_VERSION } from '../core/extract/index';
import { parseRealLabels } from '../core/evaluate/index';
import { PROJECT_ROOT, SHARED_DIR, loadRealSet, loadWrittenSet } from './lib/labelled-documents';

const MODEL_DIR = path.join(PROJECT_ROOT, 'shared/core/classify/model');
const SEALED = ['sealed.jsonl', 'sealed-2.jsonl', 'realistic-4.jsonl', 'paragraphs.jsonl'];
const SEALED_REAL = ['sealed.jsonl', 'sealed-2.jsonl'].map((f) => path.join(PROJECT_ROOT, 'test/fixtures/real', f));

/** Documents of the sealed real sets: no label file may bring them into training, whatever its name. */
function sealedDocuments(): Set<string> {
  return new Set(SEALED_REAL.filter(existsSync).flatMap((f) => parseRealLabels(readFileSync(f, 'utf8')).map((l) => l.doc)));
}

const collect = (v: string, acc: string[]) => [...acc, v];

function parseSet(pairs: string[]): Partial<TrainOptions> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const [k, v] = pair.split('=');
    if (!(k in DEFAULT_TRAIN_OPTIONS) || !Number.isFinite(Number(v))) throw new Error(`--set ${pair}: unknown option or not a number (options: ${Object.keys(DEFAULT_TRAIN_OPTIONS).join(', ')})`);
    out[k] = Number(v);
  }
  return out as Partial<TrainOptions>;
}

const pct = (x: number) => (x * 100).toFixed(1);

export function formatReport(r: TrainingReport): string {
  const lines: string[] = [];
  const d = r.data;
  lines.push(`data: ${d.documents.real} real documents (${d.paragraphs.real} labelled paragraphs), ${d.documents.written} written paragraphs`);
  lines.push(`gold labels closed by the migration-context gate: ${d.gatedOut.real} real, ${d.gatedOut.written} written`);
  for (const [name, t] of [['document paragraphs', r.thresholds], ['paragraphs on their own', r.standaloneThresholds]] as const) {
    lines.push(`thresholds for ${name}: global ${t.global}; per element ${Object.entries(t.perElement).map(([e, v]) => `${e} ${v}`).join(', ')}`);
  }
  for (const [name, s] of [['real', r.crossValidated.real], ['written', r.crossValidated.written]] as const) {
    if (!s.paragraphs) continue;
    lines.push(`${r.folds}-fold cross-validated (${r.options.folds ? 'grouped by document' : 'one group of real documents held out at a time'}), ${name} paragraphs (${s.paragraphs}): micro P ${pct(s.micro.precision)} R ${pct(s.micro.recall)} F1 ${pct(s.micro.f1)}; macro F1 ${pct(s.macro.f1)}; element-free paragraphs tagged ${s.spurious}`);
    lines.push(`  per element F1 (support): ${Object.entries(s.elements).filter(([, m]) => m.support > 0).map(([e, m]) => `${e} ${pct(m.f1)} (${m.support})`).join(', ')}`);
  }
  for (const [collection, s] of Object.entries(r.crossValidatedByCollection)) {
    lines.push(`  real, ${collection} only (${s.paragraphs} paragraphs): micro P ${pct(s.micro.precision)} R ${pct(s.micro.recall)} F1 ${pct(s.micro.f1)}`);
  }
  lines.push(`calibration (out of fold, real): expected calibration error ${r.expectedCalibrationError.toFixed(3)}`);
  for (const b of r.calibration) if (b.pairs) lines.push(`  p ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${String(b.pairs).padStart(6)} pairs, mean p ${b.meanProbability.toFixed(2)}, observed ${b.observedRate.toFixed(2)}`);
  return lines.join('\n');
}

const program = new Command()
  .name('train')
  .description('Train the learned scorer on labelled real and written paragraphs')
  .option('--real <file>', 'labelled real set (JSONL of {doc, index, textHash, elements})', collect, [])
  .option('--written <file>', 'written gold set (JSONL of {id, text, elements})', collect, [])
  .option('--set <name=value>', 'override a training option', collect, [])
  .option('--write', 'write model/scorer.json and model/training-report.json')
  .action(async (opts: { real: string[]; written: string[]; set: string[]; write?: boolean }) => {
    const real = opts.real.length ? opts.real : [path.join(PROJECT_ROOT, 'test/fixtures/real/dev.jsonl')].filter(existsSync);
    const written = opts.written.length
      ? opts.written
      : [path.join(SHARED_DIR, 'eval/dev.jsonl'), ...['realistic', 'realistic-2', 'realistic-3'].map((f) => path.join(PROJECT_ROOT, `test/fixtures/labelled/${f}.jsonl`))].filter(existsSync);
    for (const f of [...real, ...written]) {
      if (SEALED.includes(path.basename(f))) throw new Error(`${f} is a sealed set: it measures, it does not train`);
    }
    const documents: LabelledDocument[] = [];
    const sealed = sealedDocuments();
    for (const f of real) {
      const leaked = [...new Set(parseRealLabels(readFileSync(f, 'utf8')).map((l) => l.doc))].filter((d) => sealed.has(d));
      if (leaked.length) throw new Error(`${f} labels documents of the sealed set (${leaked.join(', ')}): they measure, they do not train`);
      const set = await loadRealSet(f);
      console.log(`${path.relative(process.cwd(), f)}: ${set.documents.length} documents, ${set.labels} labels${set.unmatched ? `, ${set.unmatched} no longer match a paragraph (left out)` : ''}`);
      documents.push(...set.documents);
    }
    await closeExtractionPool();
    for (const f of written) documents.push(...loadWrittenSet(f));
    const extractor = createEvidenceExtractor(defaultClassifierData());
    const started = Date.now();
    const { model, report } = trainScorer(extractor, documents, parseSet(opts.set), (l) => console.log(l));
    console.log(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(formatReport(report));
    if (opts.write) {
      writeFileSync(path.join(MODEL_DIR, 'scorer.json'), `${JSON.stringify(model)}\n`);
      writeFileSync(path.join(MODEL_DIR, 'training-report.json'), `${JSON.stringify({ extractorVersion: EXTRACTOR_VERSION, sets: { real: real.map((f) => path.relative(PROJECT_ROOT, f)), written: written.map((f) => path.relative(PROJECT_ROOT, f)) }, ...report }, null, 1)}\n`);
      console.log(`wrote ${path.relative(process.cwd(), path.join(MODEL_DIR, 'scorer.json'))} (${model.vocabulary.length} stems)`);
    }
  });

program.parseAsync().catch((err) => {
  console.error(`train: ${(err as Error).message}`);
  process.exitCode = 1;
});
