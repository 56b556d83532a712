/**
 * The development archive (../shared/archive/unga-78: 174 General Assembly resolutions of the 78th
 * session) through the whole local pipeline and the API, as a user would see it:
 * - a resolution whose text never names migrants, migration, refugees, trafficking, smuggling,
 *   remittances or diaspora addresses no element;
 * - GET /elements/l/documents ranks documents on trafficking in persons first, with scores that
 *   tell documents apart.
 * Skips when ../shared is absent.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';

const ARCHIVE = path.resolve(import.meta.dirname, '../../../shared/archive/unga-78');
const files = existsSync(ARCHIVE) ? readdirSync(ARCHIVE).filter((f) => f.endsWith('.pdf')).sort() : [];

/** The words the product owner's definition of "not about migration" looks for, as word starts. */
const MIGRATION_WORDS = /\b(?:migra|immigra|emigra|refugee|traffick|smuggl|remittance|diaspora)/i;
/** Trafficking in persons (not in drugs, arms, wildlife or cultural property) or migrant smuggling. */
const TRAFFICKING_IN_PERSONS = /trafficking in (?:persons|human beings|women|children)|human trafficking|trafficking of (?:persons|women|children|girls)|trafficked (?:persons|women|children|people)|victims of trafficking|smuggling of migrants|migrant smuggling/i;

/** The lexicon's subject anchors, as a regex over the text (word starts; "migratory" fish and birds excluded). */
const ANCHORS = /\b(?:migrant|migration|immigra|emigra|diaspora|remittance)|human mobility|labou?r mobility|(?:people|persons) on the move|foreign workers|overseas workers|workers abroad|migratory status|trafficking (?:in|of) (?:persons|human beings|women|children|girls)|human trafficking|trafficked|anti-trafficking|(?:victims|survivors) of trafficking|smuggling of migrants|migrant smuggling/i;

interface DocumentView {
  documentId: string;
  status: string;
  title?: string;
  elements: Array<{ element: string; addresses: boolean; score: number }>;
}

describe.skipIf(files.length === 0)('development archive (UNGA 78) through the pipeline', () => {
  let p: TestPipeline;
  const texts = new Map<string, string>();
  const views = new Map<string, DocumentView>();

  beforeAll(async () => {
    p = await startTestPipeline({ queue: { concurrency: 2 } });
    const ids: string[] = [];
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(path.join(ARCHIVE, f)));
      ids.push(createHash('sha256').update(bytes).digest('hex'));
      await p.upload(`uploads/UNGA/${f}`, bytes, { type: 'resolution' });
    }
    await p.runtime.idle();
    for (const id of ids) {
      const doc = await p.get<DocumentView>(`/documents/${id}`);
      expect(doc.status).toBe(200);
      views.set(id, doc.body);
      const paras = await p.get<{ items: Array<{ text: string }> }>(`/documents/${id}/paragraphs`);
      texts.set(id, `${doc.body.title ?? ''}\n${paras.body.items.map((x) => x.text).join('\n')}`);
    }
  }, 900_000);
  afterAll(async () => {
    await p?.stop();
  });

  it('tags every resolution', () => {
    expect([...views.values()].filter((v) => v.status !== 'tagged').map((v) => v.title)).toEqual([]);
  });

  it('claims no element for any resolution that never names migration, refugees, trafficking or remittances', () => {
    const unrelated = [...views.values()].filter((v) => !MIGRATION_WORDS.test(texts.get(v.documentId)!));
    // The archive's SOURCES.md: 80 resolutions chosen for not being about migration at all.
    expect(unrelated.length).toBeGreaterThanOrEqual(75);
    const claimed = unrelated.filter((v) => v.elements.some((e) => e.addresses));
    expect(claimed.map((v) => `${v.title}: ${v.elements.filter((e) => e.addresses).map((e) => e.element).join('')}`)).toEqual([]);
  });

  it('claims nothing for resolutions that name refugees, foreign affairs, cross-border trade or deportation but never migrants or trafficking in persons', () => {
    // The gate's own rule, end to end: the document must name migrants, migration, remittances,
    // diaspora, trafficking in persons or migrant smuggling somewhere.
    const unrelated = [...views.values()].filter((v) => !ANCHORS.test(texts.get(v.documentId)!));
    expect(unrelated.length).toBeGreaterThan(80);
    const claimed = unrelated.filter((v) => v.elements.some((e) => e.addresses));
    expect(claimed.map((v) => `${v.title}: ${v.elements.filter((e) => e.addresses).map((e) => e.element).join('')}`)).toEqual([]);
  });

  it('ranks only documents on trafficking in persons in the top 10 of element l, with scores that differ', async () => {
    const res = await p.get<{ items: Array<{ documentId: string; score: number; title?: string }> }>('/elements/l/documents?limit=10');
    expect(res.status).toBe(200);
    const items = res.body.items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) expect(texts.get(item.documentId), item.title).toMatch(TRAFFICKING_IN_PERSONS);
    // The resolution on trafficking in persons itself comes first.
    expect(views.get(items[0].documentId)!.title).toMatch(/trafficking in persons/i);
    const scores = items.map((i) => i.score);
    expect(new Set(scores).size).toBe(scores.length);
    expect(scores[0] - scores[scores.length - 1]).toBeGreaterThan(0.15);
    expect(scores.every((s) => s > 0 && s < 1)).toBe(true);
  });
});
