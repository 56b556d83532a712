/**
 * An archive written by an older gcm-tagger (storage layout 1: one item per paragraph and per tag)
 * is either upgraded in place when the local runtime starts on it, or refused with a message that
 * says what to do: never half-read. Runs on persisted dynalite in a data folder, as `npm start`
 * keeps `.local/`, or on GCM_DYNAMODB_ENDPOINT (DynamoDB Local) with a table of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../../shared/adapters/dynamodb/client';
import { DynamoDocumentRepository } from '../../../shared/adapters/dynamodb/document-repository';
import { ensureLayout, readLayout, StorageLayoutError } from '../../../shared/adapters/dynamodb/layout';
import { keys, STORAGE_LAYOUT } from '../../../shared/adapters/dynamodb/keys';
import { ensureTable } from '../../../shared/adapters/dynamodb/table';
import { createS3Client } from '../../../shared/adapters/s3/client';
import { S3ExtractionCache } from '../../../shared/adapters/s3/extraction-cache';
import { buildIndexEntries } from '../../../shared/app/evidence';
import { paragraphTags } from '../../../shared/app/publish';
import type { ElementSummary, StoredParagraph } from '../../../shared/app/types';
import type { ExtractionResult } from '../../../shared/core/extract/types';
import { startDynalite, startS3, type RunningDynamo } from '../../../shared/local/emulators';
import { startLocalRuntime, type LocalRuntime } from '../../../shared/local/runtime';
import { extractionOf } from '../../helpers/extraction-result';
import { createLayout1Table, writeLayout1Document, type Layout1Document } from '../../helpers/layout-1-archive';

const BUCKET = 'gcm-archive';
const EXTRACTOR = 'extract-old.1';
const sha = (n: number) => n.toString(16).padStart(64, '0');

function paragraph(index: number, text: string, tagged: boolean, score = 0.8): StoredParagraph {
  return {
    index,
    number: String(index + 1),
    page: 1,
    pageEnd: 1,
    kind: 'operative',
    text,
    tags: tagged ? [{ element: 'k', theme: 3, score, matchedTerms: ['trafficking'], tfidfTerms: ['traffick'] }] : [],
  };
}

const TEXTS = [
  'States will prevent, combat and eradicate trafficking in persons in the context of international migration.',
  'The meeting was opened by the chair, who welcomed the delegations.',
  'Victims of trafficking will receive protection and assistance, regardless of their migration status.',
];

function versionOf(version: string, score: number): { version: string; paragraphs: StoredParagraph[]; elements: ElementSummary[] } {
  const paragraphs = TEXTS.map((t, i) => paragraph(i, t, i !== 1, score));
  return { version, paragraphs, elements: [{ element: 'k', theme: 3, paragraphCount: 2, bestScore: score, score, addresses: true, evidence: [0, 2] }] };
}

const A: Layout1Document = {
  documentId: sha(0xa),
  key: 'uploads/Bali-Process/declaration.pdf',
  status: 'tagged',
  title: 'Declaration A',
  process: 'Bali Process',
  extractorVersion: EXTRACTOR,
  versions: [versionOf('clf-new', 0.82), versionOf('clf-old', 0.61)],
};
const B: Layout1Document = { ...A, documentId: sha(0xb), key: 'uploads/report-b.pdf', title: 'Report B', process: undefined, versions: [versionOf('clf-new', 0.74)] };
const C: Layout1Document = { documentId: sha(0xc), key: 'uploads/broken.pdf', status: 'failed', reason: 'corrupt: the PDF cannot be read' };

function cached(doc: Layout1Document): ExtractionResult {
  return extractionOf(doc.documentId, EXTRACTOR, doc.versions![0].paragraphs, doc.title ?? null);
}

interface OldArchive {
  dataDir: string;
  table: string;
  /** The DynamoDB Local endpoint when the suite runs on one; otherwise dynalite persists under dataDir. */
  endpoint?: string;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Where the DynamoDB data of an archive is served while a test writes it or inspects it. */
async function openDynamo(archive: OldArchive): Promise<{ clients: ReturnType<typeof createDynamoClients>; close(): Promise<void> }> {
  let dynalite: RunningDynamo | undefined;
  if (!archive.endpoint) dynalite = await startDynalite({ port: 0, path: path.join(archive.dataDir, 'dynamodb') });
  const clients = createDynamoClients({ region: 'us-east-1', endpoint: archive.endpoint ?? dynalite!.endpoint });
  return {
    clients,
    async close() {
      clients.raw.destroy();
      await dynalite?.close();
    },
  };
}

/** A `.local/` as an older checkout leaves it: layout-1 items, and an extraction cache holding B's entry only. */
async function oldArchive(write: (db: ReturnType<typeof createDynamoClients>, table: string) => Promise<void>): Promise<OldArchive> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gcm-old-local-'));
  const archive: OldArchive = { dataDir, table: `gcm-old-${randomBytes(4).toString('hex')}`, endpoint: process.env.GCM_DYNAMODB_ENDPOINT || undefined };
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const dynamo = await openDynamo(archive);
  try {
    await createLayout1Table(dynamo.clients.raw, archive.table);
    await ensureTable(dynamo.clients.raw, archive.table); // exists: waits until it is ACTIVE
    await write(dynamo.clients, archive.table);
  } finally {
    await dynamo.close();
  }
  const s3 = await startS3({ port: 0, directory: path.join(dataDir, 's3'), buckets: [BUCKET], silent: true });
  const client = createS3Client({ region: 'us-east-1', endpoint: s3.endpoint });
  try {
    await new S3ExtractionCache(client, BUCKET).put(B.documentId, EXTRACTOR, cached(B));
  } finally {
    client.destroy();
    await s3.close();
  }
  return archive;
}

async function start(archive: OldArchive, upgradeStorage?: boolean): Promise<LocalRuntime> {
  const runtime = await startLocalRuntime({
    dataDir: archive.dataDir,
    persistDynamo: !archive.endpoint,
    dynamodbEndpoint: archive.endpoint,
    table: archive.table,
    bucket: BUCKET,
    upgradeStorage,
  });
  cleanups.push(() => runtime.close());
  return runtime;
}

async function api<T = any>(runtime: LocalRuntime, route: string): Promise<{ status: number; body: T }> {
  const res = await runtime.api.request(route);
  return { status: res.status, body: (await res.json()) as T };
}

async function partition(runtime: LocalRuntime, documentId: string): Promise<string[]> {
  const res = await runtime.db.send(
    new QueryCommand({ TableName: runtime.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `DOC#${documentId}` }, ConsistentRead: true }),
  );
  return (res.Items ?? []).map((i) => i.sk as string).sort();
}

describe('an archive in the layout of an older gcm-tagger (layout 1)', () => {
  it('is upgraded in place when the runtime starts on it: every document served as before, the old items gone', async () => {
    const archive = await oldArchive(async (db, archiveTable) => {
      for (const doc of [A, B, C]) await writeLayout1Document(db.doc, archiveTable, doc);
    });
    const runtime = await start(archive);

    expect(await readLayout(runtime.db, runtime.table)).toEqual({ layout: STORAGE_LAYOUT });
    // Paragraphs: A's cache entry was missing and is rebuilt from the old paragraph items; B's is used as it was.
    for (const doc of [A, B]) {
      const res = await api(runtime, `/documents/${doc.documentId}/paragraphs`);
      expect(res.status, doc.title).toBe(200);
      expect(res.body.version).toBe('clf-new');
      expect(res.body.items.map((p: StoredParagraph) => p.text)).toEqual(TEXTS);
      expect(res.body.items.map((p: StoredParagraph) => p.tags.map((t) => t.element))).toEqual([['k'], [], ['k']]);
    }
    const ranked = await api(runtime, '/elements/k/documents');
    expect(ranked.body.items.map((d: { documentId: string; score: number }) => [d.documentId, d.score])).toEqual([
      [A.documentId, 0.82],
      [B.documentId, 0.74],
    ]);
    expect(ranked.body.items[0].evidence.map((e: { index: number }) => e.index)).toEqual([0, 2]);
    expect((await api(runtime, '/themes/3/documents')).body.items).toHaveLength(2);
    const coverage = await api(runtime, '/coverage');
    expect(coverage.body.documents.map((d: { documentId: string; scores: Record<string, number | null> }) => [d.documentId, d.scores.k])).toEqual([
      [A.documentId, 0.82],
      [B.documentId, 0.74],
    ]);
    const failed = await api(runtime, `/documents/${C.documentId}`);
    expect(failed.body).toMatchObject({ status: 'failed', reason: 'corrupt: the PDF cannot be read', currentVersion: null });
    expect(await runtime.repo.documentIdForKey(A.key)).toBe(A.documentId);

    // Only layout-2 items remain: the document item, one version item, one ranking entry per element and theme.
    expect(await partition(runtime, A.documentId)).toEqual(['META', 'V#clf-new', 'V#clf-new#R#E#k', 'V#clf-new#R#T#3']);
    expect(await partition(runtime, C.documentId)).toEqual(['META']);
  });

  it('starts again on the upgraded archive without upgrading it twice', async () => {
    const archive = await oldArchive(async (db, archiveTable) => {
      for (const doc of [A, C]) await writeLayout1Document(db.doc, archiveTable, doc);
    });
    await (await start(archive)).close();
    cleanups.pop();
    const runtime = await start(archive);
    expect(await ensureLayout(runtime.db, runtime.table, { where: 'the table' })).toBe('current');
    expect((await api(runtime, `/documents/${A.documentId}/paragraphs`)).body.items).toHaveLength(3);
  });

  it('finishes an upgrade that stopped halfway (one document converted, one not)', async () => {
    const archive = await oldArchive(async (db, archiveTable) => {
      await writeLayout1Document(db.doc, archiveTable, A);
      // B was converted by the interrupted upgrade; the LAYOUT item still says so.
      const repo = new DynamoDocumentRepository({ client: db.doc, table: archiveTable, cursorSecret: 's' });
      await writeLayout1Document(db.doc, archiveTable, { ...B, versions: undefined, status: 'failed', reason: 'placeholder' });
      await db.doc.send(new PutCommand({ TableName: archiveTable, Item: { pk: `DOC#${B.documentId}`, sk: 'META', documentId: B.documentId, bucket: BUCKET, key: B.key, keys: [B.key], status: 'received', currentVersion: null, createdAt: 'x', updatedAt: 'x' } }));
      const v = B.versions![0];
      await repo.writeVersion({ documentId: B.documentId, version: v.version, extractorVersion: EXTRACTOR, paragraphCount: 3, elements: v.elements, tags: paragraphTags(v.paragraphs), index: buildIndexEntries(v.elements, v.paragraphs), metadata: {} });
      await repo.switchVersion({ documentId: B.documentId, version: v.version, expectedCurrent: null, elements: v.elements, paragraphCount: 3, facts: { title: 'Report B', pages: 1, language: 'en', extractorVersion: EXTRACTOR } });
      await db.doc.send(new PutCommand({ TableName: archiveTable, Item: { ...keys.layout, entity: 'layout', layout: 1, upgradingTo: STORAGE_LAYOUT, at: 'x' } }));
    });
    const runtime = await start(archive);
    expect(await readLayout(runtime.db, runtime.table)).toEqual({ layout: STORAGE_LAYOUT });
    const ranked = await api(runtime, '/elements/k/documents');
    expect(ranked.body.items.map((d: { documentId: string }) => d.documentId)).toEqual([A.documentId, B.documentId]);
    for (const doc of [A, B]) expect((await api(runtime, `/documents/${doc.documentId}/paragraphs`)).body.items).toHaveLength(3);
  });

  it('is refused with a message that says what to do when upgrading is not allowed, and left untouched', async () => {
    const archive = await oldArchive(async (db, archiveTable) => {
      await writeLayout1Document(db.doc, archiveTable, A);
    });
    await expect(start(archive, false)).rejects.toThrow(StorageLayoutError);
    await expect(start(archive, false)).rejects.toThrow(/layout of an older gcm-tagger.*layout 1.*Start `npm start` on it once to upgrade it in place, or delete the data folder/);
    const dynamo = await openDynamo(archive);
    try {
      expect(await readLayout(dynamo.clients.doc, archive.table)).toEqual({ layout: 1 });
      const items = await dynamo.clients.doc.send(
        new QueryCommand({ TableName: archive.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `DOC#${A.documentId}` } }),
      );
      expect(items.Items?.some((i) => String(i.sk).startsWith('V#clf-new#P#'))).toBe(true);
    } finally {
      await dynamo.close();
    }
  });

  it('refuses a layout it does not know (written by a newer version) rather than reading it', async () => {
    const archive = await oldArchive(async (db, archiveTable) => {
      await db.doc.send(new PutCommand({ TableName: archiveTable, Item: { ...keys.layout, entity: 'layout', layout: STORAGE_LAYOUT + 1, at: 'x' } }));
    });
    await expect(start(archive)).rejects.toThrow(`holds storage layout ${STORAGE_LAYOUT + 1}, which this version of gcm-tagger does not know`);
  });
});
