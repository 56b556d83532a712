/**
 * Builds model/idf.json: document frequencies of stems over a fixed reference corpus, so that TF-IDF
 * weights do not drift with whatever the archive holds. Reference passages are the paragraphs of
 * the real corpus PDFs (../shared/corpus beside the repository) plus the official wording of the
 * 24 elements and 6 themes. Only derived numbers are written, never document text.
 * Text is read with pdf-parse directly and cut into passages of a few sentences: document
 * frequencies need topical passages, not the exact paragraphing of the extraction stage.
 *
 *   npx tsx shared/core/classify/build/build-idf.ts [corpusDir]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { loadTaxonomy } from '../../taxonomy/index';
import { analyse } from '../text/analyse';
import { isTopical } from '../tfidf/vectors';

const here = import.meta.dirname;
const corpusDir = path.resolve(process.argv[2] ?? path.join(here, '../../../../../shared/corpus'));
const outFile = path.join(here, '../model/idf.json');
/** Stems seen in fewer passages are left out; they get the default (rare-word) IDF. */
const MIN_DF = 2;
/** Passages shorter than this many content words (headings, page furniture) are skipped. */
const MIN_WORDS = 6;

/** Sentences grouped three at a time: about the size of a policy paragraph. */
function toPassages(text: string): string[] {
  const sentences = text.replace(/-\n(?=\p{Ll})/gu, '').replace(/\s+/g, ' ').split(/(?<=[.;:!?])\s+(?=[\p{Lu}(\d])/u);
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) out.push(sentences.slice(i, i + 3).join(' '));
  return out;
}

async function main() {
  const passages: string[] = [];
  const pdfs = readdirSync(corpusDir).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
  for (const f of pdfs) {
    const parser = new PDFParse({ data: new Uint8Array(readFileSync(path.join(corpusDir, f))) });
    try {
      const { text } = await parser.getText();
      const paras = toPassages(text);
      console.error(`${f}: ${paras.length} passages`);
      passages.push(...paras);
    } catch (err) {
      console.error(`skip ${f}: ${(err as Error).message}`);
    } finally {
      await parser.destroy();
    }
  }
  const tax = loadTaxonomy();
  for (const el of tax.elements) passages.push(el.wording);
  for (const th of tax.themes) passages.push(th.wording);

  const df = new Map<string, number>();
  let documents = 0;
  for (const text of passages) {
    const stems = new Set(analyse(text, 'en').tokens.filter(isTopical).map((t) => t.stem));
    if (stems.size < MIN_WORDS) continue;
    documents++;
    for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
  }
  const idfOf = (n: number) => Math.round((Math.log((documents + 1) / (n + 1)) + 1) * 1000) / 1000;
  const idf: Record<string, number> = {};
  for (const [s, n] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= MIN_DF) idf[s] = idfOf(n);
  writeFileSync(outFile, JSON.stringify({ documents, defaultIdf: idfOf(1), idf }) + '\n');
  console.error(`${documents} passages, ${Object.keys(idf).length} stems → ${path.relative(process.cwd(), outFile)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
