/**
 * Calibrates per-element thresholds on a labelled file and reports honest figures.
 *
 *   npx tsx shared/core/classify/build/calibrate.ts <gold.jsonl> [--write] [--folds 5]
 *
 * Scores do not depend on thresholds, so every text is scored once. For each element the threshold
 * that maximises F1 on the training items is found on a grid, then shrunk toward the global
 * (micro-F1-optimal) threshold in proportion to how few positives the element has: with seven
 * examples a per-element optimum is mostly noise. The k-fold figures fit thresholds on k−1 folds and
 * predict the held-out fold, so they estimate how the calibrated thresholds do on unseen text.
 * --write stores the thresholds fitted on ALL items in model/params.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createClassifier, defaultClassifierData } from '../index';
import { evaluate, parseGold, type EvaluationReport, type GoldItem } from '../../evaluate/index';
import { ELEMENT_IDS } from '../../taxonomy/index';
import type { ElementId } from '../../taxonomy/types';
import type { ClassifierParams } from '../params';

const GRID = Array.from({ length: 29 }, (_, i) => 0.2 + i * 0.025);
/** Pseudo-count of the global threshold when shrinking an element's own optimum (--shrink). */
let SHRINK = 40;

interface Scored {
  gold: Set<ElementId>;
  scores: Map<ElementId, number>;
}

function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function bestThreshold(items: Scored[], elements: readonly ElementId[]): number {
  let best = GRID[0];
  let bestF = -1;
  for (const t of GRID) {
    let tp = 0, fp = 0, fn = 0;
    for (const it of items) for (const e of elements) {
      const p = (it.scores.get(e) ?? 0) >= t;
      const g = it.gold.has(e);
      if (p && g) tp++; else if (p) fp++; else if (g) fn++;
    }
    const f = f1(tp, fp, fn);
    // ≥ so that ties go to the higher threshold: precision is not traded for nothing.
    if (f >= bestF) { bestF = f; best = t; }
  }
  return Math.round(best * 1000) / 1000;
}

export function fitThresholds(items: Scored[]): { global: number; perElement: Record<ElementId, number> } {
  const global = bestThreshold(items, ELEMENT_IDS);
  const perElement = {} as Record<ElementId, number>;
  for (const e of ELEMENT_IDS) {
    const positives = items.filter((it) => it.gold.has(e)).length;
    const own = bestThreshold(items, [e]);
    perElement[e] = Math.round(((positives * own + SHRINK * global) / (positives + SHRINK)) * 1000) / 1000;
  }
  return { global, perElement };
}

function predict(items: Scored[], th: Record<ElementId, number>) {
  return items.map((it) => ({
    gold: [...it.gold],
    predicted: ELEMENT_IDS.filter((e) => (it.scores.get(e) ?? 0) >= th[e]),
  }));
}

function foldOf(id: string, folds: number): number {
  return createHash('sha1').update(id).digest()[0] % folds;
}

function line(name: string, r: EvaluationReport): string {
  const p = (x: number) => x.toFixed(3);
  const low = ELEMENT_IDS.filter((e) => r.elements[e].f1 < 0.5);
  return `${name.padEnd(26)} micro P ${p(r.micro.precision)} R ${p(r.micro.recall)} F1 ${p(r.micro.f1)} | macro P ${p(r.macro.precision)} R ${p(r.macro.recall)} F1 ${p(r.macro.f1)} | elements < 0.5: ${low.join(',') || 'none'}`;
}

export function scoreItems(gold: GoldItem[], params: ClassifierParams): Scored[] {
  const clf = createClassifier({ ...defaultClassifierData(), params });
  return gold.map((g) => {
    const a = clf.scoreText(g.text);
    // An element that cannot be tagged (no keyword hit, not a TF-IDF-only candidate) is never
    // tagged, whatever its score (see classifier.ts).
    return { gold: new Set(g.elements), scores: new Map(a.scores.map((s) => [s.element, s.taggable ? s.score : 0])) };
  });
}

/** `--set name=value` overrides a scoring parameter (for trying variants before writing them). */
function withOverrides(params: ClassifierParams, args: string[]): ClassifierParams {
  const scoring: Record<string, number> = { ...params.scoring };
  args.forEach((a, i) => {
    if (a !== '--set') return;
    const [name, value] = (args[i + 1] ?? '').split('=');
    if (!name || value === undefined || !Number.isFinite(Number(value))) throw new Error(`--set expects name=number, got ${args[i + 1]}`);
    scoring[name] = Number(value);
  });
  return { ...params, scoring: scoring as ClassifierParams['scoring'] };
}

function main() {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && !['--folds', '--shrink', '--set'].includes(args[i - 1]));
  if (!file) throw new Error('usage: calibrate.ts <gold.jsonl> [--write] [--folds N]');
  const folds = args.includes('--folds') ? Number(args[args.indexOf('--folds') + 1]) : 5;
  if (args.includes('--shrink')) SHRINK = Number(args[args.indexOf('--shrink') + 1]);
  const gold = parseGold(readFileSync(file, 'utf8'));
  const base = withOverrides(defaultClassifierData().params, args);
  const untuned: ClassifierParams = { ...base, thresholds: {} };
  const items = scoreItems(gold, untuned);
  const constant = Object.fromEntries(ELEMENT_IDS.map((e) => [e, base.defaultThreshold])) as Record<ElementId, number>;
  console.log(line(`default ${base.defaultThreshold} (no fit)`, evaluate(predict(items, constant), ELEMENT_IDS)));

  const all = fitThresholds(items);
  console.log(line('fitted, in-sample', evaluate(predict(items, all.perElement), ELEMENT_IDS)));
  const globalOnly = Object.fromEntries(ELEMENT_IDS.map((e) => [e, all.global])) as Record<ElementId, number>;
  console.log(line(`global ${all.global.toFixed(3)}, in-sample`, evaluate(predict(items, globalOnly), ELEMENT_IDS)));

  const heldOut: ReturnType<typeof predict> = [];
  const heldOutGlobal: ReturnType<typeof predict> = [];
  for (let f = 0; f < folds; f++) {
    const train = items.filter((_, i) => foldOf(gold[i].id, folds) !== f);
    const test = items.filter((_, i) => foldOf(gold[i].id, folds) === f);
    const fit = fitThresholds(train);
    heldOut.push(...predict(test, fit.perElement));
    heldOutGlobal.push(...predict(test, Object.fromEntries(ELEMENT_IDS.map((e) => [e, fit.global])) as Record<ElementId, number>));
  }
  console.log(line(`per-element, ${folds}-fold held-out`, evaluate(heldOut, ELEMENT_IDS)));
  console.log(line(`global only, ${folds}-fold held-out`, evaluate(heldOutGlobal, ELEMENT_IDS)));
  console.log(`global threshold ${all.global}; per element ${JSON.stringify(all.perElement)}`);

  if (args.includes('--write')) {
    const out = path.join(import.meta.dirname, '../model/params.json');
    const next: ClassifierParams = { ...base, defaultThreshold: all.global, thresholds: all.perElement };
    writeFileSync(out, JSON.stringify(next, null, 2) + '\n');
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) main();
