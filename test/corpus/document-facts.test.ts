/**
 * Document facts over the real corpus: every title is one a user would recognise (not a masthead
 * line such as "General Assembly Distr.: General", not a date, at least three words), UN documents
 * carry their symbol and date. The French image-only control is read by OCR like the others.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, extractInProcess, isDateLine, isMasthead, tesseractEngineVersion } from '../../shared/core/extract';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const present = existsSync(corpus);
const files = present
  ? [...readdirSync(corpus).filter((f) => f.endsWith('.pdf')), ...readdirSync(path.join(corpus, 'controls')).map((f) => `controls/${f}`)]
  : [];
const ocr = { kind: 'local' as const, engineVersion: present ? tesseractEngineVersion() : 'none' };

/** Documents whose own printed title is shorter than three words (none in the corpus today). */
const SHORT_OWN_TITLES = new Set<string>();

describe.skipIf(!present)('titles, symbols and dates of the corpus', () => {
  it.each(files)('%s', async (file) => {
    const result = await extractInProcess(new Uint8Array(readFileSync(path.join(corpus, file))), DEFAULT_LIMITS, ocr);
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    const { title, symbol, date } = result.document.facts;
    expect(title).not.toBeNull();
    expect(isMasthead(title!)).toBe(false);
    expect(isDateLine(title!)).toBe(false);
    expect(title).not.toMatch(/distr\.|^general assembly$|^united nations$/i);
    if (!SHORT_OWN_TITLES.has(file)) expect(title!.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length).toBeGreaterThanOrEqual(3);
    const un = /^(?:un|generic_un)_(A-(?:RES|INF)-[\d-]+)_/.exec(file);
    if (un) {
      expect(symbol).toBe(un[1].replace(/-/g, '/'));
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
