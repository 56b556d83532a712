/** What every benchmark module exports, and what the runner does with it. */
import type { Cell } from './table';

export interface BenchContext {
  resultsDir: string;
  log: (message: string) => void;
  /** Figures measured earlier in the same run, by benchmark name (cost reads end-to-end's). */
  earlier: Map<string, unknown>;
}

export interface BenchTable {
  title: string;
  header: string[];
  rows: Cell[][];
}

export interface BenchOutput<J = Record<string, unknown>> {
  tables: BenchTable[];
  /** Short sentences printed under the tables: how to read them, assumptions, caveats. */
  notes: string[];
  /** Everything worth keeping, written to results/<name>.json. */
  json: J;
}

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchOutput>;
}
