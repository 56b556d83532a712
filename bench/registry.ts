/** The benchmarks in the order `npm run bench` runs them (cost last: it reads end-to-end's figures). */
import { classificationBenchmark } from './classification';
import { endToEndBenchmark } from './end-to-end';
import { extractionBenchmark } from './extraction';
import type { Benchmark } from './lib/types';

export const BENCHMARKS: Benchmark[] = [extractionBenchmark, classificationBenchmark, endToEndBenchmark];
