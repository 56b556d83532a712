import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPdfs, UsageError } from '../../../shared/cli/commands/upload';

describe('findPdfs', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'gcm-find-pdfs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists PDFs below a folder, sorted, including ones reached through symbolic links, and skips dangling links', () => {
    const store = path.join(root, 'store');
    const picked = path.join(root, 'picked');
    mkdirSync(store);
    mkdirSync(path.join(picked, 'sub'), { recursive: true });
    writeFileSync(path.join(store, 'linked.pdf'), '%PDF-1.4');
    writeFileSync(path.join(picked, 'sub', 'b.PDF'), '%PDF-1.4');
    writeFileSync(path.join(picked, 'a.pdf'), '%PDF-1.4');
    writeFileSync(path.join(picked, 'notes.txt'), 'x');
    symlinkSync(path.join(store, 'linked.pdf'), path.join(picked, 'c-link.pdf'));
    symlinkSync(path.join(store, 'gone.pdf'), path.join(picked, 'dangling.pdf'));
    expect(findPdfs(picked)).toEqual([path.join(picked, 'a.pdf'), path.join(picked, 'c-link.pdf'), path.join(picked, 'sub', 'b.PDF')]);
  });

  it('rejects a missing path, a non-PDF file and a folder without PDFs with a UsageError', () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    writeFileSync(path.join(root, 'x.txt'), 'x');
    expect(() => findPdfs(path.join(root, 'nope'))).toThrow(UsageError);
    expect(() => findPdfs(path.join(root, 'x.txt'))).toThrow(/not a \.pdf file/);
    expect(() => findPdfs(empty)).toThrow(/no \.pdf files under/);
  });
});
