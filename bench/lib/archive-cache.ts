/**
 * Generated archives are slow to write through the repository (tens of DynamoDB calls per document
 * on an emulator), so each size is built once into a dynalite data folder (LevelDB on disk) under
 * results/cache and reused while nothing it depends on changes: the key hashes the classifier
 * version, the generator settings and the source of the storage layer and of the generator.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './paths';

export const ARCHIVE_SOURCES = [
  'shared/adapters/dynamodb/keys.ts',
  'shared/adapters/dynamodb/table.ts',
  'shared/adapters/dynamodb/document-repository.ts',
  'shared/app/evidence.ts',
  'bench/lib/synthetic-archive.ts',
];

export function archiveKey(settings: unknown, sources = ARCHIVE_SOURCES): string {
  const h = createHash('sha256').update(JSON.stringify(settings));
  for (const s of sources) {
    const file = path.join(PROJECT_ROOT, s);
    h.update(s).update(existsSync(file) ? readFileSync(file) : 'missing');
  }
  return h.digest('hex').slice(0, 16);
}

interface LevelDb {
  open(): Promise<void>;
  compactRange(start: string, end: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * LevelDB keeps every overwritten record until it compacts, and a freshly written 5,000-document
 * table is mostly garbage (1.3 GB on disk for 64 MB of data). Compacting before saving keeps the
 * cache small and the reads of the query benchmark from wading through stale files. The LevelDB
 * binding is the one dynalite itself uses (resolved from dynalite, so no extra dependency).
 */
export async function compactLevelDb(dir: string): Promise<void> {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { ClassicLevel } = fromDynalite('classic-level') as { ClassicLevel: new (dir: string) => LevelDb };
  const db = new ClassicLevel(dir);
  await db.open();
  try {
    await db.compactRange('\u0000', '\uffff');
  } finally {
    await db.close();
  }
}

export class ArchiveCache {
  readonly dir: string;

  constructor(root: string, readonly key: string) {
    this.dir = path.join(root, `archive-${key}`);
  }

  private snapshot(size: number): string {
    return path.join(this.dir, `documents-${size}`);
  }

  has(size: number): boolean {
    return existsSync(path.join(this.snapshot(size), 'COMPLETE'));
  }

  /** Saves a finished data folder (dynalite must be closed) as the snapshot of `size` documents. */
  async save(size: number, dataDir: string): Promise<void> {
    await compactLevelDb(dataDir);
    const target = this.snapshot(size);
    rmSync(target, { recursive: true, force: true });
    cpSync(dataDir, target, { recursive: true });
    writeFileSync(path.join(target, 'COMPLETE'), new Date().toISOString());
  }

  /** A private working copy of a snapshot (queries never touch the cache itself). */
  checkout(size: number): string {
    const copy = mkdtempSync(path.join(tmpdir(), `gcm-archive-${size}-`));
    cpSync(this.snapshot(size), copy, { recursive: true });
    rmSync(path.join(copy, 'COMPLETE'), { force: true });
    return copy;
  }

  /** Removes archives built under other keys (stale layouts). */
  prune(root: string): void {
    if (!existsSync(root)) return;
    for (const d of readdirSync(root)) if (d.startsWith('archive-') && d !== path.basename(this.dir)) rmSync(path.join(root, d), { recursive: true, force: true });
  }
}
