/**
 * Writes an archive the way gcm-tagger wrote it before the lean storage layout (layout 1, up to
 * commit 033a490): both indexes projecting ALL, one item per paragraph and per tag under every
 * classifier version, a summary item per version, ranking entries under `IDX#`, an alias item per
 * key, and a `VER#` marker for each superseded version. No `LAYOUT` item: layout 1 had none.
 * Tests use it as the `.local/` an older checkout leaves behind.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../../shared/adapters/dynamodb/batch';
import { padScore } from '../../shared/adapters/dynamodb/keys';
import { tableDefinition } from '../../shared/adapters/dynamodb/table';
import type { ElementSummary, StoredParagraph } from '../../shared/app/types';

export interface Layout1Document {
  documentId: string;
  key: string;
  status: 'tagged' | 'failed' | 'needs-ocr';
  reason?: string;
  title?: string;
  process?: string;
  extractorVersion?: string;
  /** Current version first, then superseded ones (still retained). */
  versions?: Array<{ version: string; paragraphs: StoredParagraph[]; elements: ElementSummary[] }>;
}

/** Creates the table as layout 1 declared it: both GSIs with ALL projections. */
export async function createLayout1Table(client: DynamoDBClient, table: string): Promise<void> {
  const def = tableDefinition(table);
  await client.send(
    new CreateTableCommand({
      ...def,
      GlobalSecondaryIndexes: def.GlobalSecondaryIndexes!.map((g) => ({ ...g, Projection: { ProjectionType: 'ALL' } })),
    }),
  );
}

const AT = '2026-06-01T10:00:00.000Z';

export async function writeLayout1Document(db: DynamoDBDocumentClient, table: string, doc: Layout1Document): Promise<void> {
  const pk = `DOC#${doc.documentId}`;
  const current = doc.versions?.[0];
  const items: Record<string, unknown>[] = [
    {
      pk,
      sk: 'META',
      gsi2pk: `STATUS#${doc.status}`,
      gsi2sk: `${AT}#${doc.documentId}`,
      entity: 'document',
      documentId: doc.documentId,
      sha256: doc.documentId,
      bucket: 'gcm-archive',
      key: doc.key,
      keys: [doc.key],
      ...(doc.process ? { process: doc.process } : {}),
      byteLength: 1234,
      title: doc.title ?? null,
      pages: current ? Math.max(...current.paragraphs.map((p) => p.pageEnd)) : null,
      language: current ? 'en' : null,
      status: doc.status,
      reason: doc.reason ?? null,
      extractorVersion: doc.extractorVersion ?? null,
      currentVersion: current?.version ?? null,
      generation: doc.versions?.length ?? 0,
      elements: current?.elements ?? [],
      paragraphCount: current?.paragraphs.length ?? 0,
      createdAt: AT,
      updatedAt: AT,
    },
    { pk, sk: `KEY#${doc.key}`, entity: 'alias', key: doc.key, at: AT },
    { pk: `KEY#${doc.key}`, sk: 'KEY', entity: 'object-key', documentId: doc.documentId, at: AT },
  ];
  for (const [i, v] of (doc.versions ?? []).entries()) {
    const expiry = i === 0 ? {} : { expiresAt: Math.floor(Date.parse('2099-01-01') / 1000) };
    items.push({ pk, sk: `V#${v.version}#SUMMARY`, entity: 'version-summary', version: v.version, elements: v.elements, paragraphCount: v.paragraphs.length, writtenAt: AT, ...expiry });
    for (const p of v.paragraphs) {
      const n = String(p.index).padStart(5, '0');
      items.push({ pk, sk: `V#${v.version}#P#${n}`, entity: 'paragraph', version: v.version, ...p, ...expiry });
      for (const t of p.tags) {
        items.push({ pk, sk: `V#${v.version}#T#${t.element}#${n}`, entity: 'tag', version: v.version, index: p.index, number: p.number, page: p.page, ...t, ...expiry });
      }
    }
    if (i > 0) {
      items.push({ pk, sk: `VER#${v.version}`, gsi2pk: 'EXPIRING', gsi2sk: `2099-01-01T00:00:00.000Z#${doc.documentId}#${v.version}`, entity: 'superseded-version', documentId: doc.documentId, version: v.version, ...expiry });
    }
  }
  const addressed = current?.elements.filter((e) => e.addresses) ?? [];
  const targets = [
    ...addressed.map((s) => ({ sk: `IDX#E#${s.element}`, partition: `ELEM#${s.element}`, s })),
    ...[...new Set(addressed.map((s) => s.theme))].map((t) => ({ sk: `IDX#T#${t}`, partition: `THEME#${t}`, s: addressed.find((s) => s.theme === t)! })),
  ];
  for (const { sk, partition, s } of targets) {
    items.push({
      pk,
      sk,
      gsi1pk: partition,
      gsi1sk: `${padScore(s.score)}#${doc.documentId}`,
      entity: 'index-entry',
      target: partition,
      generation: doc.versions!.length,
      documentId: doc.documentId,
      version: current!.version,
      title: doc.title ?? null,
      key: doc.key,
      score: s.score,
      paragraphCount: s.paragraphCount,
      evidence: [],
    });
  }
  await batchWriteAll(db, table, items.map((Item) => ({ PutRequest: { Item } })));
}
