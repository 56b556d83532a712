import { describe, expect, it } from 'vitest';
import { layoutDocument, pageLines } from '../../../shared/core/extract';
import type { RawPage, TextItem } from '../../../shared/core/extract';

/** Hand-made pages: the layout rules without pdf.js. Coordinates in points, y up. */
const item = (str: string, x: number, y: number, size = 10, width = str.length * size * 0.5): TextItem => ({ str, x, y, size, width });
const page = (items: TextItem[], number = 1): RawPage => ({ number, width: 612, height: 792, items });

describe('pageLines', () => {
  it('puts back a superscript raised so high that it forms its own row, and drops it from the text', () => {
    const lines = pageLines(
      page([
        item('de su jurisdicción contenciosa', 90, 500),
        item('2', 240, 507, 6),
        item(', pueda haber estado', 243, 500),
        item('conllevando a la impunidad.', 90, 488),
      ]),
    );
    expect(lines.map((l) => l.text)).toEqual(['de su jurisdicción contenciosa, pueda haber estado', 'conllevando a la impunidad.']);
  });

  it('does not treat narrow glyph gaps inside a word as spaces', () => {
    // Word sometimes splits a word into two runs with a hair-width gap: "su stainable".
    const lines = pageLines(page([item('requirement for su', 100, 500, 10, 80), item('stainable development', 181.1, 500, 10, 90)]));
    expect(lines[0].text).toBe('requirement for sustainable development');
  });

  it('reads two columns left first and keeps a full-width title in place', () => {
    const items: TextItem[] = [item('A title that spans both columns of the page', 72, 720, 14, 400)];
    for (let i = 0; i < 8; i++) {
      items.push(item(`left line ${i}`, 72, 690 - i * 12, 10, 200));
      items.push(item(`right line ${i}`, 320, 690 - i * 12, 10, 200));
    }
    const lines = pageLines(page(items));
    expect(lines.map((l) => l.text)).toEqual([
      'A title that spans both columns of the page',
      ...Array.from({ length: 8 }, (_, i) => `left line ${i}`),
      ...Array.from({ length: 8 }, (_, i) => `right line ${i}`),
    ]);
    expect(lines[1].column).toBe(0);
    expect(lines[9].column).toBe(1);
  });
});

describe('layoutDocument', () => {
  it('takes section titles with a full stop as headings and keeps their number', () => {
    const laid = layoutDocument({
      pageCount: 1,
      metadataTitle: null,
      failedPages: [],
      pagesWithImages: 0,
      scannedPages: [],
      pages: [
        page([
          item('II. Las Obligaciones Legislativas de los Estados Partes.', 90, 700, 10, 300),
          item('9. El punto de partida, en la fundamentación de mi posición en cuanto al derecho,', 90, 676, 10, 430),
          item('reside en los llamados Casos Hondureños.', 90, 664, 10, 200),
        ]),
      ],
    });
    expect(laid.paragraphs.map((p) => [p.kind, p.number])).toEqual([
      ['heading', 'II'],
      ['list-item', '9'],
    ]);
    expect(laid.language).toBe('es');
  });
});

describe('column bands', () => {
  it('splits sections whose gutters differ, and leaves a single-column page alone', () => {
    const items: TextItem[] = [];
    // Upper section: gutter around x 290-300; lower section: gutter around x 320-330.
    for (let i = 0; i < 6; i++) {
      items.push(item(`upper left ${i}`, 40, 700 - i * 12, 10, 248));
      items.push(item(`upper right ${i}`, 300, 700 - i * 12, 10, 250));
    }
    for (let i = 0; i < 6; i++) {
      items.push(item(`lower left ${i}`, 40, 600 - i * 12, 10, 280));
      items.push(item(`lower right ${i}`, 330, 600 - i * 12, 10, 230));
    }
    expect(pageLines(page(items)).map((l) => l.text)).toEqual([
      ...Array.from({ length: 6 }, (_, i) => `upper left ${i}`),
      ...Array.from({ length: 6 }, (_, i) => `upper right ${i}`),
      ...Array.from({ length: 6 }, (_, i) => `lower left ${i}`),
      ...Array.from({ length: 6 }, (_, i) => `lower right ${i}`),
    ]);

    const single = Array.from({ length: 12 }, (_, i) => item(`a full-width line of body text number ${i}`, 72, 700 - i * 12, 10, 460));
    expect(pageLines(page(single)).every((l) => l.column === 0)).toBe(true);
  });
});

describe('pageLines on pages with very many items', () => {
  it('builds a line from a row of 1.5 million items without exhausting the call stack', () => {
    const items = Array.from({ length: 1_500_000 }, (_, i) => ({ str: i % 6 === 5 ? ' ' : 'a', x: 36 + (i % 100) * 5, y: 700, width: 5, size: 10 }));
    const lines = pageLines({ number: 1, width: 612, height: 792, items });
    expect(lines.length).toBeGreaterThan(0);
    expect(Math.max(...lines.map((l) => l.x1))).toBeCloseTo(36 + 99 * 5 + 5);
  });
});
