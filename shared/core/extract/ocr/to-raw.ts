import type { RawPage, TextItem } from '../model';
import type { OcrPage } from './types';

/**
 * Converts recognised words into the positioned text items the layout rules read, as if the page
 * had a text layer: x from the left, baseline y from the bottom, in points. Every word of a line
 * gets the line's baseline and size, and a page's line sizes within 25 % of its median are set to
 * the median: OCR boxes jitter by a few pixels, which the layout would otherwise read as changes of
 * font size (new paragraphs).
 */
export function ocrPageToRaw(ocr: OcrPage, width: number, height: number): RawPage {
  // A line box spans ascenders to descenders, about 1.2 times the font size.
  const sizes = ocr.lines.map((l) => (l.height * height) / 1.2);
  const median = [...sizes].sort((a, b) => a - b)[Math.floor(sizes.length / 2)] ?? 0;
  const items: TextItem[] = [];
  ocr.lines.forEach((line, i) => {
    const raw = sizes[i];
    const size = median > 0 && Math.abs(raw - median) <= 0.25 * median ? median : raw;
    // Baseline: above the box bottom by the descender depth (about a fifth of the size).
    const baseline = height * (1 - (line.top + line.height)) + 0.2 * size;
    for (const word of line.words) {
      const text = word.text.trim();
      if (!text) continue;
      items.push({ str: text, x: word.left * width, y: baseline, width: word.width * width, size, confidence: word.confidence });
    }
  });
  return { number: ocr.page, width, height, items };
}
