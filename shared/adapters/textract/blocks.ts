/**
 * Amazon Textract's text detection output (GetDocumentTextDetection pages of `Block`s) as an
 * OcrReading, the shape extraction reads scans from (see shared/core/extract/ocr/types.ts). Textract
 * already gives geometry as fractions of the page, origin top left, and confidence in percent.
 *
 * The resume path (shared/app/ocr/resume.ts) caches this reading and runs the extraction again in
 * `deferred` mode with it as `known` pages. Every wanted page is in the reading, a page where
 * Textract found nothing with no lines, so that page counts as read and is not sent to Textract again.
 */
import type { Block } from '@aws-sdk/client-textract';
import type { OcrLine, OcrPage, OcrReading, OcrWord } from '../../core/extract/types';

/** Textract does not expose a model version; this names the API whose output was read. */
export const TEXTRACT_ENGINE_VERSION = 'textract-DetectDocumentText-1';

export function textractToReading(blocks: Block[], wantedPages: number[], engineVersion = TEXTRACT_ENGINE_VERSION): OcrReading {
  const byId = new Map(blocks.filter((b) => b.Id).map((b) => [b.Id!, b]));
  const pages = new Map<number, OcrLine[]>();
  for (const block of blocks) {
    if (block.BlockType !== 'LINE') continue;
    const page = block.Page ?? 1;
    if (!wantedPages.includes(page)) continue;
    const box = boxOf(block);
    if (!box) continue;
    const words: OcrWord[] = [];
    for (const rel of block.Relationships ?? []) {
      if (rel.Type !== 'CHILD') continue;
      for (const id of rel.Ids ?? []) {
        const word = byId.get(id);
        const wbox = word && word.BlockType === 'WORD' ? boxOf(word) : null;
        if (!word || !wbox || !word.Text?.trim()) continue;
        words.push({ ...wbox, text: word.Text.trim(), confidence: Math.round(word.Confidence ?? 0) / 100 });
      }
    }
    if (words.length === 0) continue;
    const lines = pages.get(page) ?? [];
    lines.push({ ...box, words });
    pages.set(page, lines);
  }
  const ocrPages: OcrPage[] = [...new Set(wantedPages)].sort((a, b) => a - b).map((n) => ({ page: n, lines: readingOrder(pages.get(n) ?? []) }));
  return { engineVersion, model: null, pages: ocrPages, notes: [] };
}

function boxOf(block: Block): { left: number; top: number; width: number; height: number } | null {
  const b = block.Geometry?.BoundingBox;
  if (!b || b.Left === undefined || b.Top === undefined || b.Width === undefined || b.Height === undefined) return null;
  return { left: b.Left, top: b.Top, width: b.Width, height: b.Height };
}

/** Top to bottom; the layout rules find columns themselves. */
function readingOrder(lines: OcrLine[]): OcrLine[] {
  return [...lines].sort((a, b) => a.top - b.top || a.left - b.left);
}
