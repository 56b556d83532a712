/**
 * Builds model/idf.json: document frequencies of stems over a fixed reference corpus, so that TF-IDF
 * weights do not drift with whatever the archive holds. Reference passages are the paragraphs of
 * the real PDFs of ../shared/corpus and of the development archive ../shared/archive/unga-78 (174
 * General Assembly resolutions, most of them not about migration: the language of the documents
 * users upload, so that formulaic UN words weigh little) plus the official wording of the
 * 24 elements and 6 themes. Only derived numbers are written, never document text. Documents of the
 * sealed real sets (test/fixtures/real/sealed*.jsonl) are left out, under either of their file
 * names (a resolution can sit in the archive and in the corpus): held-out text must not shape the
 * weights it is measured with, not even through word statistics.
 * Text is read with pdf-parse directly and cut into passages of a few sentences: document
 * frequencies need topical passages, not the exact paragraphing of the extraction stage.
 *
 *   npx tsx shared/core/classify/build/build-idf.ts [pdfDir...]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { loadTaxonomy } from '../../taxonomy/index';
import { analyse } from '../text/analyse';
import { isTopical } from '../tfidf/vectors';

const here = import.meta.dirname;
const sharedDir = path.join(here, '../../../../../shared');
const pdfDirs = (process.argv.length > 2 ? process.argv.slice(2) : [path.join(sharedDir, 'corpus'), path.join(sharedDir, 'archive/unga-78')])
  .map((d) => path.resolve(d));
const outFile = path.join(here, '../model/idf.json');
const sealedFiles = ['sealed.jsonl', 'sealed-2.jsonl'].map((f) => path.join(here, '../../../../test/fixtures/real', f));

/** "A_RES_78_180.pdf" and "un_A-RES-78-180_violence….pdf" name the same resolution. */
const symbolOf = (file: string) => /A[-_]RES[-_](\d+)[-_](\d+)/i.exec(file)?.slice(1).join('/') ?? null;

/** File names and resolution symbols of the sealed documents. */
function sealedDocuments(): { names: Set<string>; symbols: Set<string> } {
  const names = new Set<string>();
  const symbols = new Set<string>();
  for (const f of sealedFiles.filter(existsSync)) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const doc = path.basename((JSON.parse(line) as { doc: string }).doc);
      names.add(doc);
      const symbol = symbolOf(doc);
      if (symbol) symbols.add(symbol);
    }
  }
  return { names, symbols };
}
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
  const sealed = sealedDocuments();
  const pdfs = pdfDirs.flatMap((d) => readdirSync(d).filter((f) => f.toLowerCase().endsWith('.pdf')).sort().map((f) => path.join(d, f)));
  for (const file of pdfs) {
    const f = path.basename(file);
    const symbol = symbolOf(f);
    if (sealed.names.has(f) || (symbol && sealed.symbols.has(symbol))) {
      console.error(`${f}: sealed, left out`);
      continue;
    }
    const parser = new PDFParse({ data: new Uint8Array(readFileSync(file)) });
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
