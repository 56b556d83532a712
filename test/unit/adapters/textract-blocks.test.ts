import { describe, expect, it } from 'vitest';
import type { Block } from '@aws-sdk/client-textract';
import { textractToReading } from '../../../shared/adapters/textract/blocks';
import { DEFAULT_LIMITS, extractInProcess } from '../../../shared/core/extract';
import { makePdf } from '../../helpers/pdf-fixtures';
import { toImageOnlyPdf } from '../../helpers/scan-fixtures';

/** Textract-shaped blocks for lines of words laid out on a page (fractions of the page). */
function blocksFor(page: number, lines: string[]): Block[] {
  const blocks: Block[] = [];
  lines.forEach((line, i) => {
    const top = 0.1 + i * 0.03;
    const ids: string[] = [];
    let left = 0.1;
    for (const [j, text] of line.split(' ').entries()) {
      const width = 0.012 * text.length;
      const id = `p${page}-l${i}-w${j}`;
      ids.push(id);
      blocks.push({ BlockType: 'WORD', Id: id, Page: page, Text: text, Confidence: 97.5, Geometry: { BoundingBox: { Left: left, Top: top, Width: width, Height: 0.018 } } });
      left += width + 0.008;
    }
    blocks.push({ BlockType: 'LINE', Id: `p${page}-l${i}`, Page: page, Text: line, Confidence: 97, Relationships: [{ Type: 'CHILD', Ids: ids }], Geometry: { BoundingBox: { Left: 0.1, Top: top, Width: left - 0.108, Height: 0.018 } } });
  });
  return blocks;
}

describe('Textract text detection as an OCR reading', () => {
  it('keeps the wanted pages, words with their boxes and confidence 0–1, and reads back through the layout rules', async () => {
    const lines = ['States shall protect the human rights of', 'all migrants regardless of their status.'];
    const blocks = [...blocksFor(1, lines), ...blocksFor(2, ['Not wanted'])];
    const reading = textractToReading(blocks, [1]);
    expect(reading.pages.map((p) => p.page)).toEqual([1]);
    expect(reading.pages[0].lines).toHaveLength(2);
    expect(reading.pages[0].lines[0].words[0]).toMatchObject({ text: 'States', confidence: 0.98 });

    // The resume path: the scan extracted again with Textract's pages as known pages.
    const scan = await toImageOnlyPdf(await makePdf({ pages: [{ paragraphs: ['placeholder text of the scanned page'] }] }));
    const result = await extractInProcess(scan, DEFAULT_LIMITS, { kind: 'deferred', engineVersion: reading.engineVersion, known: reading });
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    expect(result.document.paragraphs.map((p) => p.text)).toEqual([lines.join(' ')]);
    expect(result.document.paragraphs[0]).toMatchObject({ source: 'ocr', confidence: 0.98 });
  });
});
