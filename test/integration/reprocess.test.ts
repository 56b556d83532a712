/**
 * Reprocessing runs against the local pipeline (s3rver + dynalite, real extractor and classifier):
 * a lexicon change re-tags from the extraction cache without reading or parsing any PDF, changes
 * tags exactly where the new term occurs, reports exactly those documents, and never lets a query
 * see a half-written version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';
import { makePdf } from '../helpers/pdf-fixtures';
import { classifierWithExtraTerms } from '../helpers/classifier-variant';
import { storedParagraphs } from '../helpers/stored-paragraphs';
import { InProcessQueue } from '../../shared/local/queue';
import { runInProcess, versionFor, type ReprocessDeps } from '../../shared/app/reprocess';
import type { StoredParagraph } from '../../shared/app/types';

const TERM = 'zorblax scheme';
/** Paragraph texts per document; the ones naming the term gain element k under the edited lexicon. */
const DOCUMENTS: Record<string, string[]> = {
  twice: [
    'Migrants reported that the zorblax scheme exposed them to abuse by recruiters on the journey.',
    'Governments will support migrants who were caught in the zorblax scheme and provide them with shelter.',
    'Participants called for reducing the transaction costs of migrant remittances to less than 3 per cent.',
  ],
  once: [
    'States will protect the labour rights of migrant workers, including decent working conditions and written employment contracts.',
    'Consular staff met migrants who had left the zorblax scheme and helped them to return home.',
  ],
  remittances: [
    'The roundtable examined how remittances and diaspora communities support development in countries of origin.',
    'Governments were encouraged to adopt diaspora engagement strategies and to support diaspora investment in their countries of origin.',
  ],
  labour: [
    'The meeting discussed labour migration and recruitment from countries of origin to countries of destination.',
    'Migrant workers should not pay recruitment fees; States will regulate recruitment agencies and promote fair recruitment.',
  ],
  borders: [
    'States will strengthen integrated border management and cooperation between border agencies.',
    'Border control should respect the human rights of migrants at every stage.',
  ],
};

let p: TestPipeline;
const ids: Record<string, string> = {};
const pdfs: Record<string, Uint8Array> = {};

beforeAll(async () => {
  p = await startTestPipeline();
  for (const [name, paragraphs] of Object.entries(DOCUMENTS)) {
    pdfs[name] = await makePdf({ title: name, pages: [{ paragraphs: [{ heading: true, text: `Report ${name}` }, ...paragraphs] }] });
    await p.upload(`uploads/GFMD/${name}.pdf`, pdfs[name]);
  }
  await p.runtime.idle();
  for (const name of Object.keys(DOCUMENTS)) {
    const page = await p.get(`/documents?status=tagged&limit=100`);
    const found = page.body.items.find((d: any) => d.key === `uploads/GFMD/${name}.pdf`);
    expect(found, name).toBeDefined();
    ids[name] = found.documentId;
  }
});
afterAll(() => p?.stop());

/** Ingest deps with the given classifier, counting every PDF read and every parse. */
function countingDeps(classifier = p.runtime.ingestDeps.classifier, extractorVersion = p.runtime.ingestDeps.extractorVersion) {
  const base = p.runtime.ingestDeps;
  const counts = { extract: 0, pdfReads: 0 };
  const deps: ReprocessDeps = {
    ...base,
    classifier,
    extractorVersion,
    runs: p.runtime.runs,
    extract: (bytes) => {
      counts.extract++;
      return base.extract(bytes);
    },
    objects: {
      get: (bucket, key, opts) => {
        counts.pdfReads++;
        return base.objects.get(bucket, key, opts);
      },
      sha256: (bucket, key, v) => base.objects.sha256(bucket, key, v),
    },
  };
  return { deps, counts };
}

const queueFactory = (consumer: any) => new InProcessQueue({ consumer, concurrency: 2, maxReceiveCount: 3, baseDelayMs: 10 });

function tagSets(paragraphs: StoredParagraph[]): Map<number, string[]> {
  return new Map(paragraphs.map((q) => [q.index, q.tags.map((t) => t.element).sort()]));
}

describe('reprocessing after a lexicon change', () => {
  const v1 = () => p.runtime.ingestDeps.classifier.version;
  const edited = classifierWithExtraTerms({ k: [[TERM, 1]] });
  let runId: string;
  const before = new Map<string, Map<number, string[]>>();
  const observed: Array<{ doc: string; version: string; paragraphs: StoredParagraph[] }> = [];

  beforeAll(async () => {
    for (const [name, id] of Object.entries(ids)) before.set(name, tagSets(await storedParagraphs(p.runtime.repo, p.runtime.ingestDeps.cache, id, v1())));
    const { deps, counts } = countingDeps(edited);
    // Query every document's paragraphs over and over while the run proceeds.
    let running = true;
    const reader = (async () => {
      while (running) {
        for (const [name, id] of Object.entries(ids)) {
          const res = await p.get(`/documents/${id}/paragraphs`);
          expect(res.status).toBe(200);
          observed.push({ doc: name, version: res.body.version, paragraphs: res.body.items });
        }
      }
    })();
    const { run } = await runInProcess(deps, { kind: 'all' }, { makeQueue: queueFactory, maxReceiveCount: 3, planPageSize: 2 });
    running = false;
    await reader;
    runId = run.runId;
    expect(counts).toEqual({ extract: 0, pdfReads: 0 });
  });

  it('parses no PDF and reads none: every document is re-tagged from the extraction cache', async () => {
    const run = (await p.get(`/runs/${runId}`)).body;
    expect(run).toMatchObject({ status: 'done', scope: 'all', targetVersion: edited.version, planned: true, total: 5 });
    expect(run.counts).toEqual({ pending: 0, done: 5, failed: 0, unchanged: 0 });
    expect(run.endedAt).toBeTruthy();
    for (const id of Object.values(ids)) expect((await p.runtime.repo.getDocument(id))?.currentVersion).toBe(edited.version);
  });

  it('changes tags exactly in the paragraphs naming the new term, by exactly element k', async () => {
    for (const [name, id] of Object.entries(ids)) {
      const after = tagSets(await storedParagraphs(p.runtime.repo, p.runtime.ingestDeps.cache, id, edited.version));
      const old = before.get(name)!;
      expect([...after.keys()]).toEqual([...old.keys()]);
      const paragraphs = await storedParagraphs(p.runtime.repo, p.runtime.ingestDeps.cache, id, edited.version);
      for (const para of paragraphs) {
        const expected = para.text.includes(TERM) ? [...new Set([...old.get(para.index)!, 'k'])].sort() : old.get(para.index);
        expect(after.get(para.index), `${name} #${para.index}`).toEqual(expected);
        if (para.text.includes(TERM)) expect(old.get(para.index)).not.toContain('k');
      }
    }
  });

  it('reports exactly the documents that gained or recounted an element', async () => {
    const res = await p.get(`/runs/${runId}/changes`);
    expect(res.status).toBe(200);
    const byDoc = Object.fromEntries(res.body.items.map((i: any) => [i.documentId, i]));
    expect(Object.keys(byDoc).sort()).toEqual([ids.twice, ids.once].sort());
    // Two tagged paragraphs make the document address k.
    expect(byDoc[ids.twice]).toMatchObject({ gained: ['k'], lost: [], recounted: [], state: 'done', fromVersion: v1(), toVersion: edited.version });
    // One tagged paragraph addresses k only at a strong probability (≥ 0.7); whichever the learned
    // scorer gives, the report must say it: gained when addressed, recounted (0 → 1) when not.
    const once = (await storedParagraphs(p.runtime.repo, p.runtime.ingestDeps.cache, ids.once, edited.version)).filter((q) => q.tags.some((t) => t.element === 'k'));
    expect(once).toHaveLength(1);
    const strong = once[0].tags.find((t) => t.element === 'k')!.score >= 0.7;
    expect(byDoc[ids.once]).toMatchObject(strong
      ? { gained: ['k'], lost: [], recounted: [] }
      : { gained: [], lost: [], recounted: [{ element: 'k', before: 0, after: 1 }] });
    const unchangedDocs = await p.get(`/runs/${runId}/changes?state=done`);
    expect(unchangedDocs.body.items).toHaveLength(5);
  });

  it('served a complete version to every query during the run: all paragraphs, tags of that version', async () => {
    expect(observed.length).toBeGreaterThan(Object.keys(ids).length);
    const versions = new Set(observed.map((o) => o.version));
    expect([...versions].every((v) => v === v1() || v === edited.version)).toBe(true);
    // The reads overlapped the run: both versions were served at some point.
    expect(versions.size).toBe(2);
    for (const o of observed) {
      const expected = o.version === v1() ? before.get(o.doc)! : tagSets(await storedParagraphs(p.runtime.repo, p.runtime.ingestDeps.cache, ids[o.doc], edited.version));
      expect(tagSets(o.paragraphs)).toEqual(expected);
    }
  });

  it('keeps the superseded version (marked for expiry) and purges it once retention has passed', async () => {
    const id = ids.remittances;
    const reportBefore = (await p.get(`/runs/${runId}/changes`)).body.items;
    expect(reportBefore.length).toBeGreaterThan(0);
    expect(await p.runtime.repo.getVersionSummary(id, v1())).toBeDefined();
    const oldParagraphs = await storedParagraphs(p.runtime.repo, p.runtime.ingestDeps.cache, id, v1());
    expect(oldParagraphs.length).toBeGreaterThan(0);
    const future = new Date(Date.now() + 15 * 86_400_000);
    expect(await p.runtime.repo.purgeExpiredVersions(future)).toBeGreaterThanOrEqual(5);
    expect(await storedParagraphs(p.runtime.repo, p.runtime.ingestDeps.cache, id, v1())).toEqual([]);
    expect((await storedParagraphs(p.runtime.repo, p.runtime.ingestDeps.cache, id, edited.version)).length).toBe(oldParagraphs.length);
    // The change report does not lean on the superseded versions: it reads the same once they are gone.
    expect((await p.get(`/runs/${runId}/changes`)).body.items).toEqual(reportBefore);
  });

  it('lists the run under GET /runs and answers 404/400 for unknown or malformed ids', async () => {
    const list = await p.get('/runs');
    expect(list.body.items.map((r: any) => r.runId)).toContain(runId);
    expect((await p.get('/runs/20200101T000000Z-000000')).status).toBe(404);
    expect((await p.get('/runs/not-a-run')).status).toBe(400);
  });

  it('a second run with nothing outdated leaves every document unchanged', async () => {
    const { deps, counts } = countingDeps(edited);
    const { run } = await runInProcess(deps, { kind: 'outdated' }, { makeQueue: queueFactory, maxReceiveCount: 3 });
    expect(run).toMatchObject({ status: 'done', total: 0 });
    const all = await runInProcess(deps, { kind: 'all' }, { makeQueue: queueFactory, maxReceiveCount: 3 });
    expect(all.run.counts).toEqual({ pending: 0, done: 0, failed: 0, unchanged: 5 });
    expect(counts).toEqual({ extract: 0, pdfReads: 0 });
  });
});

describe('reprocessing after an extractor change', () => {
  it('re-extracts every document in scope from its PDF, under a version naming the new extractor', async () => {
    const edited = classifierWithExtraTerms({ k: [[TERM, 1]] });
    const ev = `${p.runtime.ingestDeps.extractorVersion}+test`;
    const { deps, counts } = countingDeps(edited, ev);
    const { run } = await runInProcess(deps, { kind: 'prefix', prefix: 'uploads/GFMD/tw' }, { makeQueue: queueFactory, maxReceiveCount: 3 });
    expect(run).toMatchObject({ status: 'done', total: 1, counts: { pending: 0, done: 1, failed: 0, unchanged: 0 } });
    expect(counts).toEqual({ extract: 1, pdfReads: 1 });
    const doc = await p.runtime.repo.getDocument(ids.twice);
    expect(doc).toMatchObject({ currentVersion: versionFor(edited.version, ev, true), extractorVersion: ev, status: 'tagged' });
    const res = await p.get(`/documents/${ids.twice}/paragraphs?element=k`);
    expect(res.body.version).toBe(doc!.currentVersion);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const para of res.body.items) expect(para.text).toContain(TERM);
  });
});
