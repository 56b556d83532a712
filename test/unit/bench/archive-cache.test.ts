import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveCache, archiveKey } from '../../../bench/lib/archive-cache';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'gcm-archive-test-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('archive cache', () => {
  it('changes its key with the settings', () => {
    expect(archiveKey({ v: 'clf-1' })).toBe(archiveKey({ v: 'clf-1' }));
    expect(archiveKey({ v: 'clf-1' })).not.toBe(archiveKey({ v: 'clf-2' }));
  });

  it('saves a compacted snapshot, hands out private copies and prunes archives of other keys', async () => {
    const root = temp();
    const data = temp();
    const cache = new ArchiveCache(root, 'abc');
    expect(cache.has(500)).toBe(false);
    await cache.save(500, data); // an empty folder becomes an empty LevelDB
    writeFileSync(path.join(cache.dir, 'documents-500', 'table.ldb'), 'rows');
    expect(cache.has(500)).toBe(true);
    const copy = cache.checkout(500);
    dirs.push(copy);
    expect(readFileSync(path.join(copy, 'table.ldb'), 'utf8')).toBe('rows');
    writeFileSync(path.join(copy, 'table.ldb'), 'changed');
    expect(readFileSync(path.join(cache.dir, 'documents-500', 'table.ldb'), 'utf8')).toBe('rows');
    mkdirSync(path.join(root, 'archive-old'));
    cache.prune(root);
    expect(existsSync(path.join(root, 'archive-old'))).toBe(false);
    expect(cache.has(500)).toBe(true);
  });
});
