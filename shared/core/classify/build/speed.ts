/**
 * Quick CPU measurement of classifyText (the bench engineer owns the real benchmark):
 *   npx tsx shared/core/classify/build/speed.ts [gold.jsonl]
 * Classifies 10,000 paragraphs (the texts of a gold file, cycled) after loading and warm-up.
 */
import { readFileSync } from 'node:fs';
const t0 = performance.now();
const { loadClassifier } = await import('../index');
const clf = loadClassifier();
const t1 = performance.now();
const texts = readFileSync(process.argv[2] ?? new URL('../../../../../shared/eval/dev.jsonl', import.meta.url).pathname, 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);
const N = 10_000;
for (let i = 0; i < 500; i++) clf.classifyText(texts[i % texts.length]); // warm-up
const c0 = process.cpuUsage(); const w0 = performance.now();
let tags = 0;
for (let i = 0; i < N; i++) tags += clf.classifyText(texts[i % texts.length]).length;
const cpu = process.cpuUsage(c0); const wall = performance.now() - w0;
console.log(`load ${(t1 - t0).toFixed(0)} ms; ${N} paragraphs: wall ${wall.toFixed(0)} ms, cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, ${tags} tags`);
