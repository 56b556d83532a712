/**
 * The migration-context gate: an element can apply only where the paragraph, its section, its
 * neighbours or the document as a whole are about migrants or migration (k and l: trafficking in
 * persons too), and a document that never names them addresses nothing.
 */
import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../shared/core/classify/index';
import type { ParagraphInput } from '../../../shared/core/classify/types';

const clf = loadClassifier();
const ids = clf.elements.map((e) => e.id);
const at = (el: string) => ids.indexOf(el as (typeof ids)[number]);

type Para = string | { text: string; kind: string };
const input = (paras: Para[]): ParagraphInput[] =>
  paras.map((p, index) => (typeof p === 'string' ? { index, text: p, kind: 'operative' } : { index, ...p }));
const score = (paras: Para[], title?: string) => clf.scoreDocument(input(paras), { title });
const classify = (paras: Para[], title?: string) => clf.classifyDocument(input(paras), { title });
const addressed = (paras: Para[], title?: string) => classify(paras, title).elements.filter((e) => e.addresses).map((e) => e.element);

describe('a document that never names migrants, migration or trafficking in persons', () => {
  // Words of the lexicon in their other senses, as in resolutions on other subjects.
  const unrelated = [
    'Calls upon States to strengthen border management and customs cooperation to stop illicit trafficking in wildlife and timber.',
    'Urges assistance to victims of landmines and explosive remnants of war, including medical care, rehabilitation and social inclusion.',
    'Stresses the return on investment of early childhood education and the need for international cooperation and partnerships for development.',
    'Condemns discrimination against persons with disabilities and calls for inclusive health services and decent work for all.',
    'Encourages the collection of disaggregated data on food insecurity, climate change and natural disasters.',
  ];

  it('is closed for every element of every paragraph, and addresses nothing', () => {
    const s = score(unrelated, 'Cooperation for development and the protection of nature');
    expect(s.context.mentions).toBe(false);
    for (const p of s.paragraphs) {
      expect([...p.open].every((o) => o === 0)).toBe(true);
      expect([...p.probabilities].every((x) => x === 0)).toBe(true);
    }
    expect(classify(unrelated).paragraphs.flat()).toEqual([]);
    expect(addressed(unrelated)).toEqual([]);
  });

  it('stays closed when refugees and displaced persons are its subject', () => {
    const refugees = [
      ...unrelated.slice(0, 2),
      'Welcomes the voluntary repatriation of refugees and the durable solutions found for internally displaced persons in the region.',
    ];
    const s = score(refugees);
    expect(s.context.mentions).toBe(false);
    expect(addressed(refugees)).toEqual([]);
  });
});

/** Paragraphs on other subjects, so that migration is one section of a long document and not its subject. */
const filler = Array.from({ length: 24 }, (_, i) => `Takes note of the report on the programme budget for item ${i + 1} and decides to consider it at its next session.`);

describe('words that name migration only in a migration text', () => {
  // Each of these once opened the gate on a resolution about something else.
  const otherSenses: Record<string, string[]> = {
    'foreign policy': ['Global health and foreign policy: Ministers for Foreign Affairs will promote foreign direct investment in health systems.', 'Urges the withdrawal of foreign forces and respect for foreign criminal jurisdiction.'],
    'cross-border trade': ['Landlocked developing countries need cross-border trade facilitation, and transit countries will simplify procedures for the transition to digital customs.', 'Encourages countries of transit to invest in roads.'],
    'deportation as a war crime': ['Condemns the unlawful deportation and forcible transfer of civilians, including children, from the occupied territories.'],
    'host-country visas': ['The Committee on Relations with the Host Country notes delays in the issuance of visas to delegates travelling abroad to attend meetings.'],
    'cultural property': ['Calls for the return of cultural property to its countries of origin and for measures against its illicit trafficking.'],
    'slavery and forced labour': ['Commemorates the victims of slavery and the transatlantic slave trade, and calls for the eradication of forced labour, servitude and debt bondage.'],
    'refugees forced to leave': ['Refugees and internally displaced persons forced to leave their homes, including unaccompanied children, need protection and durable solutions.'],
  };
  for (const [what, paras] of Object.entries(otherSenses)) {
    it(`does not open a document on ${what}`, () => {
      const s = score(paras, `Resolution on ${what}`);
      expect(s.context.mentions).toBe(false);
      expect(addressed(paras, `Resolution on ${what}`)).toEqual([]);
    });
  }

  it('opens a document that names migrants only in its title or a heading', () => {
    const body = ['Calls upon States to ensure decent working conditions and access to social protection for these workers.'];
    expect(score(body, 'Protection of migrant workers').context.mentions).toBe(true);
    expect(score([{ text: 'Migrant workers', kind: 'heading' }, ...body]).context.mentions).toBe(true);
    expect(score(body, 'Decent work for all').context.mentions).toBe(false);
  });
});

describe('inside a document where migration is one subject among others', () => {
  const paras: Para[] = [
    ...filler,
    { text: 'Protection of migrants', kind: 'heading' },
    'Calls upon States to protect the human rights of all migrants, regardless of their migration status, and to end arbitrary detention of migrant children.',
    'Encourages States to lower the transaction costs of remittances sent by migrant workers to below three per cent.',
    { text: 'Disarmament', kind: 'heading' },
    'Urges the universal ratification of the Treaty on the Non-Proliferation of Nuclear Weapons and the destruction of stockpiles of chemical weapons.',
    'Requests the Secretary-General to report on the implementation of the present section at its next session.',
  ];

  const o = filler.length;

  it('opens paragraphs that name migration and those of a section headed by it, not a section on another subject', () => {
    const s = score(paras, 'Omnibus resolution');
    expect(s.context.mentions).toBe(true);
    expect(s.context.paragraphs[o + 1].documentMigration).toBe(false);
    expect(s.context.paragraphs[o + 1].migrationHere).toBe(true);
    expect(s.paragraphs[o + 1].open[at('i')]).toBe(1);
    expect(s.paragraphs[o + 2].open[at('h')]).toBe(1);
    // The nuclear paragraph sits under "Disarmament" and names no migrant.
    expect(s.context.paragraphs[o + 4].sectionMigration).toBe(false);
    expect([...s.paragraphs[o + 4].open].every((x) => x === 0)).toBe(true);
    expect([...s.paragraphs[0].open].every((x) => x === 0)).toBe(true);
  });

  it('tags what the migration paragraphs say', () => {
    const tags = classify(paras, 'Omnibus resolution').paragraphs;
    expect(tags[o + 1].map((t) => t.element)).toContain('i');
    expect(tags[o + 2].map((t) => t.element)).toContain('h');
    expect(tags[o + 4]).toEqual([]);
  });

  it('opens every paragraph of a document whose title names migration', () => {
    const s = score(paras, 'Protection of migrants');
    expect(s.context.paragraphs[o + 4].documentMigration).toBe(true);
    expect(s.paragraphs[o + 4].open.includes(1)).toBe(true);
  });

  it('carries the subject from a lead-in paragraph to the list it introduces', () => {
    const list: Para[] = [
      ...filler,
      'Encourages States, in their policies on migrants and migration:',
      { text: '(a) To provide access to health care, education and housing for everyone in their territory;', kind: 'list-item' },
      { text: '(b) To end arbitrary detention and ensure access to justice;', kind: 'list-item' },
      { text: '(c) To collect data disaggregated by age and sex;', kind: 'list-item' },
      'Decides to consider the question of the budget of the regular programme at its next session.',
      'Notes the report of the Board of Auditors on the financial statements.',
    ];
    const s = score(list);
    const o = filler.length;
    expect(s.context.paragraphs[o + 1].neighbourMigration).toBe(true);
    expect(s.paragraphs[o + 1].open[at('o')]).toBe(1);
    // Every item of the list, not only the first.
    expect(s.context.paragraphs[o + 2].neighbourMigration).toBe(true);
    expect(s.context.paragraphs[o + 3].neighbourMigration).toBe(true);
    expect([...s.paragraphs[o + 5].open].every((x) => x === 0)).toBe(true);
  });
});

describe('trafficking in persons', () => {
  const trafficking = [
    'Calls upon States to criminalize trafficking in persons, in particular women and children, and to prosecute traffickers.',
    'Urges States to identify and assist victims of trafficking, including through shelters and legal aid.',
    'Urges States to prevent trafficking in persons for forced labour, to dismantle trafficking networks and to confiscate their proceeds.',
    'Encourages the exchange of information among law enforcement authorities.',
  ];

  it('opens k and l where only trafficking is named, and no other element there', () => {
    const s = score(trafficking, 'Improving the coordination of efforts against trafficking in persons');
    const p = s.paragraphs[0];
    expect(p.open[at('k')]).toBe(1);
    expect(p.open[at('l')]).toBe(1);
    expect(p.open[at('i')]).toBe(0);
    expect(addressed(trafficking, 'Improving the coordination of efforts against trafficking in persons')).toEqual(expect.arrayContaining(['k', 'l']));
  });

  it('does not count trafficking in drugs, arms or wildlife as trafficking in persons', () => {
    const goods = [
      'Calls upon States to counter drug trafficking and the illicit trafficking in small arms and light weapons.',
      'Urges cooperation against wildlife trafficking and trafficking in cultural property.',
    ];
    expect(score(goods).context.mentions).toBe(false);
    expect(addressed(goods)).toEqual([]);
  });
});

describe('a paragraph classified on its own', () => {
  it('keeps the gate open for elements whose cues are about migration by themselves', () => {
    const s = score(['States should cooperate on the readmission of their own nationals.']);
    expect(s.context.paragraphs[0].standalone).toBe(true);
    expect(s.paragraphs[0].open[at('s')]).toBe(1);
  });

  it('closes elements whose cues need migration around them when the paragraph does not name it', () => {
    const s = score(['Poverty eradication and climate adaptation are at the heart of the national development plan.']);
    expect(s.paragraphs[0].open[at('c')]).toBe(0);
    expect(s.paragraphs[0].open[at('a')]).toBe(0);
    expect(clf.classifyText('Poverty eradication and climate adaptation are at the heart of the national development plan.')).toEqual([]);
    const named = score(['Climate change and drought are among the drivers that force people to migrate from rural areas.']);
    expect(named.paragraphs[0].open[at('c')]).toBe(1);
  });
});
