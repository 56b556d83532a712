import { describe, expect, it } from 'vitest';
import { extractInProcess } from '../../../shared/core/extract';
import type { ExtractedDocument, ExtractionResult } from '../../../shared/core/extract';
import { makePdf } from '../../helpers/pdf-fixtures';

const SENTENCE_A =
  'Member States commit to strengthen international cooperation on migration governance, including regular pathways for migrant workers and their families.';
const SENTENCE_B =
  'The programme supports returning migrants with reintegration assistance, psychosocial support and access to decent work in their communities of origin.';
const SENTENCE_C = 'Local authorities and civil society organizations took part in every consultation held during the reporting period.';

function ok(result: ExtractionResult): ExtractedDocument {
  if (result.outcome !== 'ok') throw new Error(`expected ok, got ${result.outcome}: ${result.reason}`);
  return result.document;
}

const texts = (doc: ExtractedDocument) => doc.paragraphs.map((p) => p.text);

describe('running headers and footers', () => {
  it('drops document symbols, job numbers, page counters and repeated titles, keeps the body', async () => {
    const pages = [1, 2, 3, 4].map((n) => ({
      header: n % 2 === 0 ? 'A/RES/99/123 Protection of migrants' : 'Protection of migrants A/RES/99/123',
      footer: n % 2 === 0 ? `${n}/4 25-01234` : `25-01234 ${n}/4`,
      paragraphs: [`Paragraph ${n} opens here. ${SENTENCE_A}`, n === 2 ? SENTENCE_C : SENTENCE_B],
    }));
    const doc = ok(await extractInProcess(await makePdf({ pages })));
    expect(doc.facts.pageCount).toBe(4);
    expect(doc.paragraphs).toHaveLength(8);
    for (const p of doc.paragraphs) {
      expect(p.text).not.toContain('A/RES/99/123');
      expect(p.text).not.toContain('25-01234');
      expect(p.text).not.toMatch(/\b\d\/4\b/);
      expect(p.text).not.toContain('Protection of migrants');
    }
    expect(doc.paragraphs.filter((p) => p.text.startsWith('Paragraph')).map((p) => p.page)).toEqual([1, 2, 3, 4]);
  });

  it('drops bare page numbers in the bottom margin', async () => {
    const pages = [1, 2].map((n) => ({ footer: String(n + 10), paragraphs: [SENTENCE_A, SENTENCE_C] }));
    const doc = ok(await extractInProcess(await makePdf({ pages })));
    expect(doc.text).not.toMatch(/\b1[12]\b/);
    expect(doc.paragraphs).toHaveLength(4);
  });
});

describe('footnotes', () => {
  it('removes the footnote block and unglues markers from words', async () => {
    const pdf = await makePdf({
      pages: [
        {
          paragraphs: [`Recalling the Global Compact for Safe, Orderly and Regular Migration^1 and the New York Declaration^2 adopted by Member States.`, SENTENCE_B],
          footnotes: ['Resolution 73/195, annex.', 'Resolution 71/1.'],
        },
      ],
    });
    const doc = ok(await extractInProcess(pdf));
    expect(texts(doc)).toEqual([
      'Recalling the Global Compact for Safe, Orderly and Regular Migration and the New York Declaration adopted by Member States.',
      SENTENCE_B,
    ]);
    expect(doc.text).not.toContain('73/195');
  });

  it('removes footnotes printed below an underscore rule', async () => {
    const pdf = await makePdf({
      pages: [{ paragraphs: [`Noting the report of the Secretary-General^3 on international migration.`], footnotes: ['A/79/323.'], firstFootnote: 3, footnoteRule: true }],
    });
    const doc = ok(await extractInProcess(pdf));
    expect(texts(doc)).toEqual(['Noting the report of the Secretary-General on international migration.']);
  });
});

describe('hyphenation across lines', () => {
  it('joins soft breaks and keeps real hyphens', async () => {
    const pdf = await makePdf({
      pages: [
        {
          paragraphs: [
            {
              lines: [
                'Access to services for returning migra-',
                'tion workers, cross-',
                'border cooperation during the COVID-',
                '19 pandemic and the well-',
                'being of all migrants were re-',
                'ported by partners.',
              ],
            },
            'Partners reported results each quarter to the steering committee.',
          ],
        },
      ],
    });
    const doc = ok(await extractInProcess(pdf));
    expect(doc.paragraphs[0].text).toBe(
      'Access to services for returning migration workers, cross-border cooperation during the COVID-19 pandemic and the well-being of all migrants were reported by partners.',
    );
  });
});

describe('numbered paragraphs of a resolution', () => {
  it('labels preambular, operative and lettered sub-items', async () => {
    const pdf = await makePdf({
      pages: [
        {
          paragraphs: [
            { heading: true, text: '99/123. Protection of migrants' },
            { indent: true, text: 'The General Assembly,' },
            { indent: true, text: 'Recalling its previous resolutions on the protection of migrants and on international migration and development,' },
            { indent: true, text: 'Deeply concerned at the large and growing number of migrants who have lost their lives in transit,' },
            { indent: true, text: '1. Calls upon all States to promote and protect the human rights of all migrants, regardless of their status;' },
            { indent: true, text: '2. Encourages States:' },
            { indent: true, text: '(a) To provide access to basic services for all migrants, including health care and education;' },
            { indent: true, text: '(b) To combat discrimination and xenophobia against migrants and their families;' },
            { indent: true, text: '3. Decides to remain seized of the matter.' },
          ],
        },
      ],
    });
    const doc = ok(await extractInProcess(pdf));
    expect(doc.paragraphs.map((p) => [p.kind, p.number])).toEqual([
      ['heading', null],
      ['body', null],
      ['preambular', null],
      ['preambular', null],
      ['operative', '1'],
      ['operative', '2'],
      ['list-item', '2(a)'],
      ['list-item', '2(b)'],
      ['operative', '3'],
    ]);
    // The resolution's own title, without its number (the number is in the symbol).
    expect(doc.facts.title).toBe('Protection of migrants');
    expect(doc.paragraphs[4].text).toBe('1. Calls upon all States to promote and protect the human rights of all migrants, regardless of their status;');
  });

  it('continues a paragraph that runs over a page break', async () => {
    const filler = Array.from({ length: 38 }, (_, i) => `Line ${i + 1} of a long paragraph about labour mobility`).join(' ');
    const pdf = await makePdf({
      pages: [
        { paragraphs: [SENTENCE_A, { lines: [`${SENTENCE_C.slice(0, 60)}`, 'and this paragraph continues'] }, filler.slice(0, 2600)] },
        { paragraphs: ['on the next page until it ends here.', SENTENCE_B] },
      ],
    });
    const doc = ok(await extractInProcess(pdf));
    const runOver = doc.paragraphs.find((p) => p.text.endsWith('until it ends here.'));
    expect(runOver).toBeDefined();
    expect(runOver!.page).toBe(1);
    expect(runOver!.pageEnd).toBe(2);
    expect(doc.paragraphs[doc.paragraphs.length - 1]).toMatchObject({ text: SENTENCE_B, page: 2 });
  });
});

describe('two-column pages', () => {
  it('reads the left column before the right one', async () => {
    const left1 = `Left one. ${SENTENCE_A}`;
    const left2 = `Left two. ${SENTENCE_B}`;
    const right1 = `Right one. ${SENTENCE_C} ${SENTENCE_A}`;
    const right2 = `Right two. ${SENTENCE_B}`;
    const pdf = await makePdf({ pages: [{ columns: 2, paragraphs: [left1, left2, right1, right2] }] });
    const doc = ok(await extractInProcess(pdf));
    expect(texts(doc)).toEqual([left1, left2, right1, right2]);
  });
});

describe('document text and offsets', () => {
  it('indexes every paragraph exactly inside document.text', async () => {
    const pdf = await makePdf({
      title: 'Offsets check',
      pages: [
        { paragraphs: [{ heading: true, text: 'Executive summary' }, SENTENCE_A, SENTENCE_B] },
        { paragraphs: [SENTENCE_C, '• A bulleted point about consular assistance.'] },
      ],
    });
    const doc = ok(await extractInProcess(pdf));
    expect(doc.facts.title).toBe('Offsets check');
    expect(doc.paragraphs.length).toBe(5);
    doc.paragraphs.forEach((p, i) => {
      expect(p.index).toBe(i);
      expect(doc.text.slice(p.start, p.end)).toBe(p.text);
    });
    expect(doc.text).toBe(doc.paragraphs.map((p) => p.text).join('\n\n'));
    expect(doc.paragraphs[4]).toMatchObject({ kind: 'list-item', text: 'A bulleted point about consular assistance.' });
    expect(doc.facts.language).toBe('en');
    expect(doc.facts.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('numbered paragraphs outside resolutions', () => {
  it('are list items that keep their number; named labels are kept too', async () => {
    const pdf = await makePdf({
      pages: [
        {
          paragraphs: [
            'The evaluation team took the following steps to protect participants.',
            '1. Informing all consulted stakeholders that participation was voluntary.',
            '2. Referring assistance requests to the relevant IOM programme.',
            'Action 4. We will strengthen regular pathways for migrant workers.',
          ],
        },
      ],
    });
    const doc = ok(await extractInProcess(pdf));
    expect(doc.paragraphs.map((p) => [p.kind, p.number])).toEqual([
      ['body', null],
      ['list-item', '1'],
      ['list-item', '2'],
      ['body', 'Action 4'],
    ]);
  });
});
