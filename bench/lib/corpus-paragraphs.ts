/**
 * Paragraph texts of the corpus, from our extractor, cached under results/cache so that benchmarks
 * needing text (classification, query archive) do not re-parse the PDFs on every run. The cache is
 * keyed by the extractor version and the file list (names and sizes).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeExtractionPool, extractDocument, EXTRACTOR_VERSION } from '../../shared/core/extract';
import { corpusPdfs } from './paths';

export interface CorpusParagraph {
  file: string;
  page: number;
  kind: string;
  number: string | null;
  text: string;
}

interface CacheFile {
  key: string;
  paragraphs: CorpusParagraph[];
}

export async function corpusParagraphs(resultsDir: string, log: (m: string) => void = () => {}): Promise<CorpusParagraph[]> {
  const files = corpusPdfs();
  if (files.length === 0) return [];
  const key = JSON.stringify([EXTRACTOR_VERSION, files.map((f) => [f.name, f.bytes])]);
  const cacheFile = path.join(resultsDir, 'cache', 'corpus-paragraphs.json');
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheFile;
    if (cached.key === key) return cached.paragraphs;
  }
  log(`extracting ${files.length} corpus PDFs for their paragraphs (cached afterwards)`);
  const paragraphs: CorpusParagraph[] = [];
  try {
    const results = await Promise.all(files.map(async (f) => ({ f, r: await extractDocument(new Uint8Array(readFileSync(f.path))) })));
    for (const { f, r } of results) {
      if (r.outcome !== 'ok') continue;
      for (const p of r.document.paragraphs) paragraphs.push({ file: f.name, page: p.page, kind: p.kind, number: p.number, text: p.text });
    }
  } finally {
    await closeExtractionPool();
  }
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify({ key, paragraphs } satisfies CacheFile));
  return paragraphs;
}
