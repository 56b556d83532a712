/** The benchmarks in the order `npm run bench` runs them (cost last: it reads end-to-end's figures). */
import { bundlesBenchmark } from './bundles';
import { classificationBenchmark } from './classification';
import { costBenchmark } from './cost-on-paper';
import { endToEndBenchmark } from './end-to-end';
import { extractionBenchmark } from './extraction';
import { ocrBenchmark } from './ocr';
import { queryBenchmark } from './query';
import { reprocessBenchmark } from './reprocess';
import type { Benchmark } from './lib/types';

export const BENCHMARKS: Benchmark[] = [extractionBenchmark, classificationBenchmark, endToEndBenchmark, queryBenchmark, reprocessBenchmark, bundlesBenchmark, costBenchmark, ocrBenchmark];
