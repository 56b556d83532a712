/**
 * Review decisions on the real table (dynalite, or DynamoDB Local in CI's second pass): the
 * repository, and the review routes of the API on top of it with stored paragraphs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServices, type LocalServices } from '../../helpers/local-services';
import { DynamoDocumentRepository } from '../../../shared/adapters/dynamodb/document-repository';
import { DynamoReviewRepository } from '../../../shared/adapters/dynamodb/review-repository';
import { InvalidCursorError } from '../../../shared/adapters/dynamodb/cursor';
import { S3UploadSigner } from '../../../shared/adapters/s3/presign';
import { createApi } from '../../../shared/app/api';
import type { Identity } from '../../../shared/app/api/identity';
import { paragraphTextKey } from '../../../shared/app/reviews/text-key';
import type { ReviewDecision } from '../../../shared/app/reviews/types';
import { parseGold } from '../../../shared/core/evaluate/gold';
import { loadTaxonomy } from '../../../shared/core/taxonomy';
import type { StoredParagraph } from '../../../shared/app/types';
import { S3ExtractionCache } from '../../../shared/adapters/s3/extraction-cache';
import { buildIndexEntries } from '../../../shared/app/evidence';
import { paragraphTags } from '../../../shared/app/publish';
import { extractionOf } from '../../helpers/extraction-result';

let services: LocalServices;
let reviews: DynamoReviewRepository;
let repo: DynamoDocumentRepository;

beforeAll(async () => {
  services = await startLocalServices();
  reviews = new DynamoReviewRepository({ client: services.dynamo.doc, table: services.table, cursorSecret: 'test' });
  repo = new DynamoDocumentRepository({ client: services.dynamo.doc, table: services.table, cursorSecret: 'test' });
}, 60_000);
afterAll(() => services?.stop());

const DOC = 'a'.repeat(64);
const decision = (over: Partial<ReviewDecision>): Omit<ReviewDecision, 'history'> => ({
  documentId: DOC,
  textKey: paragraphTextKey('some text'),
  element: 'k',
  verdict: 'reject',
  reviewer: { id: 'ana', name: 'Ana' },
  at: '2026-12-01T10:00:00.000Z',
  paragraph: { index: 0, number: '1', page: 1, text: 'some text' },
  version: 'v1',
  machineElements: ['k'],
  ...over,
});

describe('DynamoReviewRepository', () => {
  it('keeps one decision per document, paragraph text and element, the replaced ones in its history', async () => {
    await reviews.put(decision({ verdict: 'add', element: 'j', at: '2026-12-01T10:00:00.000Z' }));
    await reviews.put(decision({ verdict: 'reject', element: 'j', at: '2026-12-01T11:00:00.000Z', reviewer: { id: 'bo', name: 'Bo' }, comment: 'not borders' }));
    await reviews.put(decision({ verdict: 'confirm', element: 'k', at: '2026-12-01T12:00:00.000Z' }));
    const mine = await reviews.forDocument(DOC);
    expect(mine.map((d) => [d.element, d.verdict]).sort()).toEqual([['j', 'reject'], ['k', 'confirm']]);
    const j = mine.find((d) => d.element === 'j')!;
    expect(j.comment).toBe('not borders');
    expect(j.history).toEqual([{ verdict: 'add', reviewer: { id: 'ana', name: 'Ana' }, at: '2026-12-01T10:00:00.000Z' }]);
    expect(await reviews.forDocument('b'.repeat(64))).toEqual([]);
  });

  it('lists which documents reviewers say an element applies to, and stops listing one once rejected', async () => {
    expect(await reviews.applyingTo('k')).toEqual([{ documentId: DOC, textKey: paragraphTextKey('some text') }]);
    expect(await reviews.onElement('j')).toEqual([{ documentId: DOC, textKey: paragraphTextKey('some text'), applies: false }]);
    // j was added, then rejected: it applies nowhere.
    expect(await reviews.applyingTo('j')).toEqual([]);
  });

  it('pages through all decisions, newest first, with signed cursors', async () => {
    const other = 'c'.repeat(64);
    for (let i = 0; i < 3; i++) await reviews.put(decision({ documentId: other, element: 'h', textKey: paragraphTextKey(`p${i}`), at: `2026-12-02T0${i}:00:00.000Z` }));
    const first = await reviews.list(2);
    expect(first.items.map((d) => d.at)).toEqual(['2026-12-02T02:00:00.000Z', '2026-12-02T01:00:00.000Z']);
    const rest = await reviews.list(10, first.nextCursor);
    expect(rest.items.map((d) => d.at)).toEqual(['2026-12-02T00:00:00.000Z', '2026-12-01T12:00:00.000Z', '2026-12-01T11:00:00.000Z']);
    expect(rest.nextCursor).toBeUndefined();
    const c = first.nextCursor!;
    await expect(reviews.list(2, `${c[0] === 'A' ? 'B' : 'A'}${c.slice(1)}`)).rejects.toBeInstanceOf(InvalidCursorError);
    const byDoc = await reviews.forDocuments([DOC, other, 'd'.repeat(64)]);
    expect([...byDoc.keys()].sort()).toEqual([DOC, other]);
  });
});

describe('review routes', () => {
  const ID = 'e'.repeat(64);
  const TEXTS = ['We condemn trafficking in persons and will prosecute traffickers.', 'Participants thanked the hosts.'];
  const reviewer: Identity = { id: 'ana', name: 'Ana', groups: ['reviewers'], via: 'cognito' };
  const reader: Identity = { id: 'bo', name: 'Bo', groups: ['staff'], via: 'cognito' };
  let who: Identity | undefined = reviewer;
  let api: ReturnType<typeof createApi>;

  beforeAll(async () => {
    const paragraphs: StoredParagraph[] = TEXTS.map((text, index) => ({
      index,
      number: String(index + 1),
      page: 1,
      pageEnd: 1,
      kind: 'operative',
      text,
      tags: index === 0 ? [{ element: 'k', theme: 6, score: 0.95, matchedTerms: ['trafficking in persons'], tfidfTerms: [], spans: [[11, 33]] }] : [],
    }));
    await repo.registerDocument({ documentId: ID, sha256: ID, bucket: services.bucket, key: 'uploads/x.pdf', byteLength: 10 });
    const elements = [{ element: 'k' as const, theme: 6 as const, paragraphCount: 1, bestScore: 0.95, score: 0.95, addresses: true, evidence: [0] }];
    // Paragraph text in the extraction cache, tags in the version item, as ingestion leaves them.
    const extractions = new S3ExtractionCache(services.s3, services.bucket, 'cache/');
    await extractions.put(ID, 'x', extractionOf(ID, 'x', paragraphs, 'X'));
    await repo.writeVersion({ documentId: ID, version: 'v1', extractorVersion: 'x', paragraphCount: 2, elements, tags: paragraphTags(paragraphs), index: buildIndexEntries(elements, paragraphs), metadata: {} });
    await repo.switchVersion({ documentId: ID, version: 'v1', expectedCurrent: null, elements, paragraphCount: 2, facts: { title: 'X', pages: 1, language: 'en', extractorVersion: 'x' } });
    api = createApi({
      repo,
      extractions,
      reviews,
      taxonomy: loadTaxonomy(),
      signer: new S3UploadSigner(services.s3, services.bucket),
      uploadPrefix: 'uploads/',
      maxUploadBytes: 1000,
      identify: () => who,
    });
  });

  const post = (body: unknown) => api.request('/reviews', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses anyone outside the reviewers group, and bad input, with JSON errors', async () => {
    who = reader;
    expect((await post({ documentId: ID, paragraphIndex: 0, element: 'k', verdict: 'reject' })).status).toBe(403);
    who = undefined;
    expect((await post({ documentId: ID, paragraphIndex: 0, element: 'k', verdict: 'reject' })).status).toBe(403);
    who = reviewer;
    for (const bad of [
      { documentId: ID, paragraphIndex: 0, element: 'K', verdict: 'reject' },
      { documentId: ID, paragraphIndex: -1, element: 'k', verdict: 'reject' },
      { documentId: ID, paragraphIndex: 0, element: 'k', verdict: 'maybe' },
      { documentId: ID, paragraphIndex: 0, element: 'k', verdict: 'reject', comment: 'x'.repeat(1001) },
      { documentId: ID, paragraphIndex: 0, element: 'k', verdict: 'reject', extra: 1 },
    ]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as any).error.code).toBe('invalid-request');
    }
    expect((await post({ documentId: ID, paragraphIndex: 9, element: 'k', verdict: 'reject' })).status).toBe(404);
    expect((await post({ documentId: 'f'.repeat(64), paragraphIndex: 0, element: 'k', verdict: 'reject' })).status).toBe(404);
    expect(await reviews.forDocument(ID)).toEqual([]);
  });

  it('records who decided what and when, and serves the paragraph with the decision applied', async () => {
    const res = await post({ documentId: ID, paragraphIndex: 0, element: 'k', verdict: 'reject', comment: ' no measure ' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body.decision).toMatchObject({ element: 'k', verdict: 'reject', comment: 'no measure', reviewer: { id: 'ana', name: 'Ana' }, version: 'v1', machineElements: ['k'] });
    expect(body.paragraph.tags).toEqual([]);
    expect(body.paragraph.rejected.map((t: any) => t.element)).toEqual(['k']);
    // Confirming an element the machine did not tag is recorded as adding it.
    const added = (await (await post({ documentId: ID, paragraphIndex: 1, element: 'x', verdict: 'confirm' })).json()) as any;
    expect(added.decision.verdict).toBe('add');
    const paragraphs = (await (await api.request(`/documents/${ID}/paragraphs`)).json()) as any;
    expect(paragraphs.items.map((p: any) => p.tags.map((t: any) => `${t.element}:${t.source}`))).toEqual([[], ['x:reviewer']]);
    const doc = (await (await api.request(`/documents/${ID}`)).json()) as any;
    expect(doc.elements.map((e: any) => [e.element, e.addresses, e.review])).toEqual([
      ['k', false, 'rejected'],
      ['x', true, 'added'],
    ]);
  });

  it('exports the reviewed paragraphs as eval-format JSON Lines', async () => {
    const res = await api.request('/reviews/export');
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const gold = parseGold(await res.text());
    expect(gold.map((g) => [g.text, g.elements])).toEqual(
      expect.arrayContaining([
        [TEXTS[0], []],
        [TEXTS[1], ['x']],
      ]),
    );
  });
});
