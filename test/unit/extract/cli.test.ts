import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../helpers/pdf-fixtures';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'gcm-extract-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'shared/cli/extract.ts', ...args], { cwd: root });
    return { stdout, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; code: number };
    return { stdout: e.stdout, code: e.code };
  }
}

describe('npm run extract', () => {
  it('--json prints one object with the agreed keys', async () => {
    const file = path.join(dir, 'resolution.pdf');
    writeFileSync(
      file,
      await makePdf({
        pages: [
          {
            paragraphs: [
              { indent: true, text: 'The General Assembly,' },
              { indent: true, text: '1. Calls upon all States to protect the human rights of all migrants;' },
              { indent: true, text: '2. Encourages States:' },
              { indent: true, text: '(a) To provide access to basic services for all migrants;' },
            ],
          },
        ],
      }),
    );
    const { stdout, code } = await cli(file, '--json');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['outcome', 'reason', 'code', 'language', 'title', 'pages', 'failedPages', 'sha256', 'extractorVersion', 'paragraphs', 'symbol', 'date', 'ocr']);
    expect(json).toMatchObject({ outcome: 'ok', reason: null, language: 'en', pages: 1 });
    expect(json.paragraphs.map((p: { number: string | null; kind: string }) => [p.number, p.kind])).toEqual([
      [null, 'body'],
      ['1', 'operative'],
      ['2', 'operative'],
      ['2(a)', 'list-item'],
    ]);
    expect(Object.keys(json.paragraphs[0])).toEqual(expect.arrayContaining(['index', 'number', 'page', 'kind', 'text']));
  });

  it('exits 1 on a failed extraction and 2 on a usage error', async () => {
    const file = path.join(dir, 'not.pdf');
    writeFileSync(file, 'plain text, not a PDF');
    const failed = await cli(file, '--json');
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ outcome: 'failed', code: 'not-pdf', paragraphs: [] });
    expect((await cli(path.join(dir, 'missing.pdf'))).code).toBe(2);
  });
});
