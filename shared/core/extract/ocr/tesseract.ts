/**
 * Local OCR: tesseract (the WebAssembly build published as tesseract.js-core, the engine of
 * tesseract.js) run on the extraction worker's own thread, so the worker pool's time limit stops it
 * like any parse. tesseract.js's own wrapper is not used: it starts a second thread per engine and
 * (7.0.0) can load models from one folder only, while ours come from two npm packages and Debian.
 *
 * This module is loaded only when a document has scanned pages (see ../ocr-step.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import type { GreyImage } from './render';
import { toPgm } from './render';
import { detectLanguage } from '../language';
import { availableModels, MODEL_LANGUAGES, OCR_SETTINGS, type ModelName } from './tesseract-models';
import type { OcrLine, OcrPage, OcrWord, TessdataLocations } from './types';

interface TessApi {
  Init(dataPath: string, lang: string, oem: number): number;
  SetVariable(name: string, value: string): boolean;
  SetImageFile(exifOrientation: number, angle: number): number;
  Recognize(monitor: null): number;
  GetTSVText(page: number): string;
  Clear(): void;
  End(): void;
}
interface TessModule {
  FS: { writeFile(path: string, data: Uint8Array): void; mkdir(path: string): void; unlink(path: string): void };
  TessBaseAPI: new () => TessApi;
}

/** LSTM only: the npm models are LSTM-only ("best_int"). */
const OEM_LSTM_ONLY = 1;
const TESSDATA_DIR = '/tessdata';
/** tesseract.js-core's SetImageFile reads this fixed path. */
const INPUT_FILE = '/input';

let modulePromise: Promise<TessModule> | null = null;
const loadedModels = new Set<ModelName>();

/**
 * The SIMD build: Node 20 and later always have WebAssembly SIMD. The module stays loaded for the
 * worker's lifetime (loading it and a model costs a few hundred ms; reading a page, about a second).
 */
function loadModule(): Promise<TessModule> {
  const name = 'tesseract.js-core/tesseract-core-simd-lstm';
  modulePromise ??= (createRequire(import.meta.url)(name) as (o: object) => Promise<TessModule>)({
    // Tesseract prints warnings (e.g. about resolution) on stderr; they are not for users.
    print: () => {},
    printErr: () => {},
  }).then((m) => {
    m.FS.mkdir(TESSDATA_DIR);
    return m;
  });
  return modulePromise;
}

function ensureModel(m: TessModule, model: ModelName, tessdata: TessdataLocations): void {
  if (loadedModels.has(model)) return;
  const file = tessdata[model];
  if (!file) throw new Error(`the ${model} OCR model is not installed`);
  const raw = new Uint8Array(readFileSync(file));
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? new Uint8Array(gunzipSync(raw)) : raw;
  m.FS.writeFile(`${TESSDATA_DIR}/${model}.traineddata`, bytes);
  loadedModels.add(model);
}

export interface PageToRead {
  page: number;
  image: GreyImage;
}

/**
 * Reads one page with one model. Returns its lines and the mean word confidence (0–1).
 */
export async function readPageWith(model: ModelName, tessdata: TessdataLocations, { page, image }: PageToRead): Promise<{ page: OcrPage; confidence: number; chars: number }> {
  const m = await loadModule();
  ensureModel(m, model, tessdata);
  const api = new m.TessBaseAPI();
  try {
    if (api.Init(TESSDATA_DIR, model, OEM_LSTM_ONLY) !== 0) throw new Error(`tesseract could not load the ${model} model`);
    api.SetVariable('tessedit_pageseg_mode', String(OCR_SETTINGS.pageSegmentation));
    api.SetVariable('user_defined_dpi', String(Math.round(OCR_SETTINGS.pixelsPerPoint * 72)));
    m.FS.writeFile(INPUT_FILE, toPgm(image));
    if (api.SetImageFile(1, 0) === 1) throw new Error('tesseract could not read the rendered page');
    if (api.Recognize(null) !== 0) throw new Error('tesseract could not recognise the page');
    const lines = parseTsv(api.GetTSVText(0), image.width, image.height);
    let weighted = 0;
    let chars = 0;
    for (const line of lines) for (const w of line.words) {
      weighted += w.confidence * w.text.length;
      chars += w.text.length;
    }
    return { page: { page, lines }, confidence: chars > 0 ? weighted / chars : 0, chars };
  } finally {
    api.End();
  }
}

/**
 * Reads the scanned pages of a document. The model is chosen on the first page that has text: each
 * installed model reads it; a model whose own language is the language of what it read wins (the
 * French model reads English with high confidence too, so confidence alone cannot decide), then the
 * most confident (a French line read with the English model loses its accents, and its confidence
 * shows it). The other pages use the winner.
 */
export async function readScannedPages(
  pages: AsyncIterable<PageToRead> | Iterable<PageToRead>,
  tessdata: TessdataLocations,
): Promise<{ model: string | null; pages: OcrPage[] }> {
  const models = availableModels(tessdata);
  if (models.length === 0) throw new Error('no OCR model is installed (npm packages @tesseract.js-data/eng and /fra)');
  let chosen: ModelName | null = null;
  const out: OcrPage[] = [];
  for await (const toRead of pages) {
    if (chosen) {
      out.push(keepConfidentLines((await readPageWith(chosen, tessdata, toRead)).page));
      continue;
    }
    let best: { model: ModelName; page: OcrPage; confidence: number; chars: number; own: boolean } | null = null;
    for (const model of models) {
      const read = await readPageWith(model, tessdata, toRead);
      const text = read.page.lines.map((l) => l.words.map((w) => w.text).join(' ')).join('\n');
      const own = detectLanguage(text) === MODEL_LANGUAGES[model];
      const better = !best || (own && !best.own) || (own === best.own && read.confidence > best.confidence);
      if (better) best = { model, own, ...read };
    }
    out.push(keepConfidentLines(best!.page));
    // A blank first page decides nothing: choose again on the next one.
    if (best!.chars >= 20) chosen = best!.model;
  }
  return { model: chosen ?? (out.length > 0 ? models[0] : null), pages: out };
}

function keepConfidentLines(page: OcrPage): OcrPage {
  const lines = page.lines.filter((line) => {
    const chars = line.words.reduce((n, w) => n + w.text.length, 0);
    const confidence = line.words.reduce((n, w) => n + w.confidence * w.text.length, 0) / Math.max(1, chars);
    return chars > 0 && confidence >= OCR_SETTINGS.minLineConfidence;
  });
  return { page: page.page, lines };
}

/**
 * Tesseract's TSV: level, page, block, paragraph, line, word, left, top, width, height, conf, text.
 * Level 4 rows are lines, level 5 rows their words (conf −1 marks a row without text).
 */
export function parseTsv(tsv: string, width: number, height: number): OcrLine[] {
  const lines = new Map<string, OcrLine>();
  const order: OcrLine[] = [];
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    if (cols.length < 12) continue;
    const level = Number(cols[0]);
    const key = cols.slice(1, 5).join('.');
    const [left, top, w, h] = cols.slice(6, 10).map(Number);
    const box = { left: left / width, top: top / height, width: w / width, height: h / height };
    if (level === 4) {
      const line: OcrLine = { ...box, words: [] };
      lines.set(key, line);
      order.push(line);
    } else if (level === 5) {
      const text = cols.slice(11).join('\t').trim();
      const conf = Number(cols[10]);
      if (!text || conf < 0) continue;
      const word: OcrWord = { ...box, text, confidence: Math.round(conf * 10) / 1000 };
      lines.get(key)?.words.push(word);
    }
  }
  return order.filter((l) => l.words.length > 0);
}
