/** Where the benchmarks find their inputs and put their outputs. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Real data shared by the engineers, beside the repository (never copied into it). */
export const SHARED_DIR = path.resolve(PROJECT_ROOT, '../shared');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus');
export const DEV_SET = path.join(SHARED_DIR, 'eval/dev.jsonl');
export const LABELLED_FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/labelled/paragraphs.jsonl');
export const DEFAULT_RESULTS_DIR = path.join(PROJECT_ROOT, 'bench/results');

export interface CorpusFile {
  name: string;
  path: string;
  bytes: number;
}

/**
 * The corpus PDFs with a text layer: top-level files only. `controls/` holds an image-only scan that
 * neither extractor can read; it belongs to the extraction tests, not to a throughput figure.
 */
export function corpusPdfs(dir = CORPUS_DIR): CorpusFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.pdf'))
    .sort()
    .map((name) => {
      const p = path.join(dir, name);
      return { name, path: p, bytes: statSync(p).size };
    })
    .filter((f) => statSync(f.path).isFile());
}
