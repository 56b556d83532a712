/**
 * Upgrade of a layout-1 table in place (what `.local/` archives written before the lean layout
 * hold): per document, the current version's paragraph and tag items become one version item and
 * version-keyed ranking entries, the document item gets its element scores and its coverage row,
 * and only then are the old items deleted. Each document is converted on its own and conversion is
 * idempotent, so an upgrade that stops halfway is simply run again (the LAYOUT item says it is
 * unfinished). Paragraph text moves to the extraction cache: when the cache lacks the entry the
 * version was extracted under, or holds other paragraphs, the entry is rebuilt from the old items.
 */
import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { paragraphKey } from '../../core/extract/paragraph-key';
import type { ExtractionResult, Paragraph } from '../../core/extract/types';
import { buildIndexEntries } from '../../app/evidence';
import type { ExtractionCache } from '../../app/ports';
import { paragraphTags } from '../../app/publish';
import type { DocumentStatus, DocumentType, ElementSummary, StoredParagraph, StoredTag } from '../../app/types';
import { batchWriteAll } from './batch';
import type { DynamoDocumentRepository } from './document-repository';
import { keys } from './keys';
import { queryAll } from './operations';

export interface UpgradeDeps {
  db: DynamoDBDocumentClient;
  table: string;
  repo: DynamoDocumentRepository;
  cache: ExtractionCache;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface UpgradeReport {
  documents: number;
  versions: number;
  cacheEntriesRebuilt: number;
  supersededDropped: number;
}

type Item = Record<string, unknown>;

export async function upgradeLayout1(deps: UpgradeDeps): Promise<UpgradeReport> {
  const report: UpgradeReport = { documents: 0, versions: 0, cacheEntriesRebuilt: 0, supersededDropped: 0 };
  let startKey: Item | undefined;
  do {
    const page = await deps.db.send(
      new ScanCommand({
        TableName: deps.table,
        FilterExpression: 'sk = :meta AND begins_with(pk, :doc)',
        ExpressionAttributeValues: { ':meta': 'META', ':doc': 'DOC#' },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    for (const meta of page.Items ?? []) {
      if (await upgradeDocument(deps, meta, report)) report.documents++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  deps.log?.('storage upgraded to layout 2', { ...report });
  return report;
}

/** Converts one document; false when it was already converted. */
async function upgradeDocument(deps: UpgradeDeps, meta: Item, report: UpgradeReport): Promise<boolean> {
  if (!Array.isArray(meta.elements)) return false;
  const documentId = meta.documentId as string;
  const pk = meta.pk as string;
  const items = await queryAll(deps.db, { TableName: deps.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });
  const old = items.filter((i) => isLayout1Item(i.sk as string));
  const current = (meta.currentVersion as string | null) ?? null;
  if (current) {
    const paragraphs = old
      .filter((i) => (i.sk as string).startsWith(`V#${current}#P#`))
      .map(toStoredParagraph)
      .sort((a, b) => a.index - b.index);
    const summary = old.find((i) => i.sk === `V#${current}#SUMMARY`);
    const elements = ((summary?.elements ?? meta.elements) as ElementSummary[]) ?? [];
    const extractorVersion = meta.extractorVersion as string;
    if (await ensureCached(deps, meta, extractorVersion, paragraphs)) report.cacheEntriesRebuilt++;
    await deps.repo.writeVersion({
      documentId,
      version: current,
      extractorVersion,
      paragraphCount: paragraphs.length,
      elements,
      tags: paragraphTags(paragraphs),
      index: buildIndexEntries(elements, paragraphs),
      metadata: { process: meta.process as string | undefined, type: meta.type as DocumentType | undefined, meetingDate: meta.meetingDate as string | undefined },
    });
    const status = meta.status as DocumentStatus;
    const facts = {
      title: (meta.title as string | null) ?? null,
      pages: (meta.pages as number | null) ?? null,
      language: (meta.language as 'en' | null) ?? null,
      extractorVersion,
      ...(Array.isArray(meta.failedPages) ? { failedPages: meta.failedPages as number[] } : {}),
    };
    // A switch to the version it already has: element scores and coverage row on the document item.
    const switched = await deps.repo.switchVersion({
      documentId,
      version: current,
      expectedCurrent: current,
      elements,
      paragraphCount: paragraphs.length,
      facts,
    });
    if (!switched) throw new Error(`document ${documentId} changed during the storage upgrade`);
    if (status !== 'tagged') await deps.repo.setStatus(documentId, status, { reason: (meta.reason as string | null) ?? null });
    report.versions++;
    report.supersededDropped += new Set(old.map((i) => versionOf(i.sk as string)).filter((v) => v && v !== current)).size;
  }
  await deps.db.send(
    new UpdateCommand({ TableName: deps.table, Key: { pk, sk: 'META' }, UpdateExpression: 'REMOVE elements, sha256' }),
  );
  await batchWriteAll(deps.db, deps.table, old.map((i) => ({ DeleteRequest: { Key: { pk, sk: i.sk } } })));
  return true;
}

/** Items only layout 1 writes under a document: paragraphs, tags, summaries, index entries, aliases, version markers. */
function isLayout1Item(sk: string): boolean {
  return /^V#[^#]+#(P|T|SUMMARY)(#|$)/.test(sk) || sk.startsWith('IDX#') || sk.startsWith('KEY#') || sk.startsWith('VER#');
}

function versionOf(sk: string): string | undefined {
  return /^V#([^#]+)#/.exec(sk)?.[1];
}

function toStoredParagraph(i: Item): StoredParagraph {
  return {
    index: i.index as number,
    number: (i.number as string | null) ?? null,
    page: i.page as number,
    pageEnd: (i.pageEnd as number) ?? (i.page as number),
    kind: i.kind as StoredParagraph['kind'],
    text: i.text as string,
    tags: (i.tags as StoredTag[]) ?? [],
  };
}

/**
 * The cache entry the paragraphs are served from must hold exactly these paragraphs. Returns true
 * when it had to be written from the old items (missing, or another extraction under the same name).
 */
async function ensureCached(deps: UpgradeDeps, meta: Item, extractorVersion: string, paragraphs: StoredParagraph[]): Promise<boolean> {
  const documentId = meta.documentId as string;
  const hit = await deps.cache.get(documentId, extractorVersion);
  if (hit?.outcome === 'ok' && sameParagraphs(hit.document.paragraphs, paragraphs)) return false;
  let text = '';
  const rebuilt: Paragraph[] = paragraphs.map((p) => {
    if (text) text += '\n\n';
    const start = text.length;
    text += p.text;
    return { index: p.index, number: p.number, page: p.page, pageEnd: p.pageEnd, kind: p.kind, text: p.text, start, end: text.length };
  });
  const result: ExtractionResult = {
    outcome: 'ok',
    reason: null,
    document: {
      facts: {
        pageCount: (meta.pages as number) ?? Math.max(0, ...paragraphs.map((p) => p.pageEnd)),
        title: (meta.title as string | null) ?? null,
        symbol: (meta.symbol as string | null | undefined) ?? null,
        date: (meta.date as string | null | undefined) ?? null,
        language: (meta.language as 'en') ?? 'und',
        sha256: documentId,
        byteLength: (meta.byteLength as number) ?? 0,
        extractorVersion,
        failedPages: (meta.failedPages as number[]) ?? [],
      },
      text,
      paragraphs: rebuilt,
    },
  };
  await deps.cache.put(documentId, extractorVersion, result);
  deps.log?.('extraction cache entry rebuilt from stored paragraphs', { documentId, extractorVersion });
  return true;
}

function sameParagraphs(cached: Paragraph[], stored: StoredParagraph[]): boolean {
  if (cached.length !== stored.length) return false;
  const byIndex = new Map(cached.map((p) => [p.index, p]));
  return stored.every((p) => {
    const c = byIndex.get(p.index);
    return c !== undefined && paragraphKey(c.text) === paragraphKey(p.text);
  });
}
