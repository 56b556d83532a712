/**
 * Where tesseract's language models come from, and the engine version they make. No WebAssembly is
 * loaded here: the main thread calls this to name the engine (cache keys, document records), the
 * extraction worker to read the models.
 *
 * English and French install with the project (npm packages @tesseract.js-data/eng and /fra, the
 * integer "best" LSTM models); Spanish has no such package and is taken from Debian's
 * tesseract-ocr-spa when that is installed. Nothing is ever downloaded at run time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TessdataLocations } from './types';

/** Tesseract's name of each model, by the document language it reads. */
export const MODEL_LANGUAGES = { eng: 'en', fra: 'fr', spa: 'es' } as const;
export type ModelName = keyof typeof MODEL_LANGUAGES;

/** Settings that change what OCR reads; hashed into the engine version. */
export const OCR_SETTINGS = {
  /** Render scale in pixels per point (3 ≈ 216 dpi): enough for 9-point body text. */
  pixelsPerPoint: 3,
  /** Lines whose mean word confidence is below this are dropped (speckle, photographs, stamps). */
  minLineConfidence: 0.45,
  /** Tesseract page segmentation: 3 = fully automatic. */
  pageSegmentation: 3,
} as const;

/** Debian installs tessdata under a folder named after the major version of tesseract. */
const DEBIAN_TESSDATA = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'];

export function defaultTessdata(): TessdataLocations {
  const require = createRequire(import.meta.url);
  const fromNpm = (name: 'eng' | 'fra') => {
    try {
      const dir = path.dirname(require.resolve(`@tesseract.js-data/${name}/package.json`));
      const file = path.join(dir, '4.0.0_best_int', `${name}.traineddata.gz`);
      return existsSync(file) ? file : undefined;
    } catch {
      return undefined;
    }
  };
  const spa = process.env.GCM_TESSDATA_SPA ?? DEBIAN_TESSDATA.map((d) => path.join(d, 'spa.traineddata')).find((f) => existsSync(f));
  return { eng: fromNpm('eng'), fra: fromNpm('fra'), spa: spa && existsSync(spa) ? spa : undefined };
}

/** Models that are there, in a fixed order. */
export function availableModels(tessdata: TessdataLocations): ModelName[] {
  return (Object.keys(MODEL_LANGUAGES) as ModelName[]).filter((m) => tessdata[m] !== undefined && existsSync(tessdata[m]!));
}

/** What to tell a user about models that are not installed. */
export function missingModelNotes(tessdata: TessdataLocations): string[] {
  const available = availableModels(tessdata);
  const notes: string[] = [];
  if (!available.includes('spa')) {
    notes.push('Spanish OCR model not installed (Debian package tesseract-ocr-spa): scanned pages were read without it, so Spanish text is read less well');
  }
  for (const m of ['eng', 'fra'] as const) {
    if (!available.includes(m)) notes.push(`${m} OCR model not found (npm package @tesseract.js-data/${m}): reinstall the project with npm ci`);
  }
  return notes;
}

const versions = new Map<string, string>();

/**
 * `tesseract-<core version>.<hash>`: the hash covers the bytes of every installed model and the
 * OCR settings, so installing tesseract-ocr-spa, updating a model or changing a setting is a new
 * engine version, and only documents read by OCR are re-read.
 */
export function tesseractEngineVersion(tessdata: TessdataLocations = defaultTessdata()): string {
  const key = JSON.stringify(tessdata);
  const known = versions.get(key);
  if (known) return known;
  const require = createRequire(import.meta.url);
  const core = (require('tesseract.js-core/package.json') as { version: string }).version;
  const hash = createHash('sha256').update(JSON.stringify(OCR_SETTINGS));
  for (const model of availableModels(tessdata)) hash.update(model).update(readFileSync(tessdata[model]!));
  const version = `tesseract-${core}.${hash.digest('hex').slice(0, 8)}`;
  versions.set(key, version);
  return version;
}
