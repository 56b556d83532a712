/**
 * The web page in a real headless Chromium (Debian's), against the whole local pipeline: s3rver,
 * dynalite, the in-process queue, the real extractor and classifier, the Hono app. Each test acts
 * as a person would (clicks, typing, dropping files) and checks what the page shows; screenshots of
 * the main views go to screenshots/ (git-ignored).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';
import { browserAvailable, launchBrowser, screenshot, watchPageProblems, type Browser } from '../helpers/browser';
import { makePdf } from '../helpers/pdf-fixtures';
import { classifierWithExtraTerms } from '../helpers/classifier-variant';
import { SAMPLE_DOCUMENTS, renderSamplePdf } from '../../shared/local/sample-documents';
import { uploadObjectKey } from '../../shared/local/upload';
import { InProcessQueue } from '../../shared/local/queue';
import { runInProcess } from '../../shared/app/reprocess';
import { parseGold } from '../../shared/core/evaluate/gold';
import { storedParagraphs } from '../helpers/stored-paragraphs';

const hasBrowser = browserAvailable();
const TRAFFICKING = SAMPLE_DOCUMENTS.find((d) => d.file.includes('trafficking'))!;
const CONDEMN = TRAFFICKING.paragraphs.find((t) => t.startsWith('1. We condemn'))!;

let p: TestPipeline;
let browser: Browser;
let page: Page;
let problems: string[];
const ids: Record<string, string> = {};

/** Goes to a view (a full load, or a change of the address's #fragment) and waits until it is shown. */
async function open(route: string): Promise<void> {
  // A fragment change keeps the old view in place until the new one arrives: take it away first.
  await page.evaluate(() => (globalThis as any).document.querySelector('main .view')?.remove()).catch(() => {});
  const target = `${p.apiUrl}/${route}`;
  if (page.url() === target) await page.reload();
  else await page.goto(target);
  await page.locator('main .view').waitFor();
}

describe.skipIf(!hasBrowser)('the web page, in Chromium', () => {
  beforeAll(async () => {
    p = await startTestPipeline();
    for (const sample of SAMPLE_DOCUMENTS) {
      await p.upload(uploadObjectKey('uploads/', sample.file, sample.metadata.process), await renderSamplePdf(sample), sample.metadata);
    }
    await p.runtime.idle();
    const docs = (await p.get('/documents?status=tagged')).body.items as Array<{ documentId: string; key: string }>;
    for (const sample of SAMPLE_DOCUMENTS) ids[sample.file] = docs.find((d) => d.key.endsWith(sample.file))!.documentId;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    problems = watchPageProblems(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('shows the 6 themes and 24 elements with how many documents address each', async () => {
    await open('');
    await expect.poll(() => page.title()).toBe('Elements · GCM tagger');
    expect(await page.locator('section.theme').count()).toBe(6);
    expect(await page.locator('section.theme li a').count()).toBe(24);
    const k = page.locator('section.theme li', { has: page.locator('a[href="#/elements/k"]') });
    expect(await k.locator('.count').textContent()).toBe('1 document');
    const x = page.locator('section.theme li', { has: page.locator('a[href="#/elements/x"]') });
    expect(await x.locator('.count').textContent()).toBe('0 documents');
    await screenshot(page, 'home');
  });

  it('lists the trafficking declaration under element k, with the matched terms highlighted in its evidence', async () => {
    await open('');
    await page.getByRole('link', { name: /\(k\) Trafficking/ }).click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('(k) Trafficking, smuggling and slavery');
    const results = page.locator('ol.results > li.result');
    expect(await results.count()).toBe(1);
    expect(await results.first().locator('h2').textContent()).toBe(TRAFFICKING.title);
    expect(await results.first().locator('.meta').textContent()).toContain('Bali Process · Declaration · 10 Feb 2023');
    const marks = await results.first().locator('.evidence mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['trafficking in persons', 'human trafficking', 'forced labour']));
    // Every highlighted piece of text is one of the paragraph's words, not markup.
    const evidenceText = (await results.first().locator('.evidence blockquote').allTextContents()).join(' ');
    for (const m of marks) expect(evidenceText).toContain(m);
    expect(await results.first().locator('.where-line').first().textContent()).toMatch(/page 1/);
    await screenshot(page, 'element-k');

    // Filters narrow the list: another process finds nothing, a date range around the meeting keeps it.
    await page.getByLabel('Process').fill('GFMD');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.locator('p.summary').textContent()).toBe('No document matches these filters.');
    await page.getByLabel('Process').fill('');
    await page.getByLabel('Meeting from').fill('2023-01-01');
    await page.getByLabel('to', { exact: true }).fill('2023-03-31');
    await page.getByLabel('Minimum score').fill('0.5');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.url()).toContain('from=2023-01-01');
    await expect.poll(() => page.locator('ol.results > li.result').count()).toBe(1);
  });

  it('uploads dropped and chosen PDFs to S3 and follows each until tagged, or failed with the reason in plain words', async () => {
    await open('#/upload');
    const good = await makePdf({
      title: 'Remittance corridors',
      pages: [
        {
          paragraphs: [
            { heading: true, text: 'Remittance corridors in the region' },
            '1. Participants called for lower transaction costs of migrant remittances and for faster, cheaper transfers through digital channels.',
            '2. Governments will foster the financial inclusion of migrants and their families in countries of origin.',
          ],
        },
      ],
    });
    await page.getByLabel('Process').fill('Budapest Process');
    await page.getByLabel('Type of document').selectOption('report');
    await page.getByLabel('Meeting date').fill('2025-05-14');
    // Dropped onto the drop area, as from a file manager.
    await page.evaluate(
      ({ name, bytes }) => {
        // Runs in the page (DOM types are not part of this project's compilation).
        const w = globalThis as any;
        const data = new w.DataTransfer();
        data.items.add(new w.File([new Uint8Array(bytes)], name, { type: 'application/pdf' }));
        const zone = w.document.getElementById('dropzone');
        zone.dispatchEvent(new w.DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new w.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      { name: 'remittance-corridors.pdf', bytes: [...good] },
    );
    // And a text file renamed .pdf, chosen with the file picker.
    await page.getByLabel(/PDF files/).setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Meeting notes, not a PDF at all.\n') });
    await expect.poll(() => page.locator('#upload-chosen').textContent()).toContain('2 files ready');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();

    const item = (name: string) => page.locator('#upload-list li', { has: page.locator('.file', { hasText: name }) });
    await expect.poll(() => item('remittance-corridors.pdf').getAttribute('data-state'), { timeout: 60_000 }).toBe('tagged');
    await expect.poll(() => item('notes.pdf').getAttribute('data-state'), { timeout: 60_000 }).toBe('failed');
    expect(await item('remittance-corridors.pdf').textContent()).toMatch(/Tagged.*Addresses \(h\)/);
    expect(await item('notes.pdf').locator('.detail').textContent()).toContain('This file is not a PDF, even though its name ends in .pdf.');
    await screenshot(page, 'upload');

    // The metadata went with the file, through the presigned POST. The title is the first page's
    // heading, which the extractor prefers to the PDF's metadata title ("Remittance corridors").
    await item('remittance-corridors.pdf').getByRole('link', { name: 'Open the document' }).click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Remittance corridors in the region');
    expect(await page.locator('main .meta').first().textContent()).toBe('Budapest Process · Report · 14 May 2025');
  });

  it('shows a document: facts, elements, paragraphs in order with their tags, and a link that opens the PDF at a page', async () => {
    await open(`#/documents/${ids[TRAFFICKING.file]}`);
    expect(await page.locator('main h1').textContent()).toBe(TRAFFICKING.title);
    expect(await page.locator('.facts').textContent()).toContain('Tagged');
    expect(await page.locator('.chips .chip a').allTextContents()).toEqual(expect.arrayContaining(['(k) Trafficking, smuggling and slavery']));
    const texts = await page.locator('ol.paragraphs > li .text').allTextContents();
    expect(texts.slice(1)).toEqual(TRAFFICKING.paragraphs);
    const condemn = page.locator('ol.paragraphs > li', { hasText: CONDEMN });
    expect(await condemn.locator('.tag.machine').first().textContent()).toContain('(k)');
    const pageLink = condemn.getByRole('link', { name: 'Open the PDF at page 1' });
    const href = (await pageLink.getAttribute('href'))!;
    expect(href).toMatch(/#page=1$/);
    expect(await pageLink.getAttribute('target')).toBe('_blank');
    const pdf = await fetch(href.replace(/#.*$/, ''));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'document');
  });

  it('keeps a rejected tag rejected after the archive is reprocessed with a new classifier version', async () => {
    const id = ids[TRAFFICKING.file];
    await open(`#/documents/${id}`);
    const condemn = () => page.locator('ol.paragraphs > li', { hasText: CONDEMN });
    await condemn().getByLabel('Comment (optional)').fill('Condemnation without a measure');
    await condemn().getByRole('button', { name: /^Reject \(k\)/ }).click();
    await expect.poll(() => condemn().locator('.tag.rejected').count()).toBe(1);
    expect(await condemn().locator('.tag.rejected').textContent()).toMatch(/\(k\).*rejected by .*Condemnation without a measure/);
    expect(await condemn().locator('.review-status').textContent()).toBe('Saved: rejected (k).');
    // Another paragraph, reviewed with the keyboard only: the added element is kept as the reviewer's.
    const smuggling = () => page.locator('ol.paragraphs > li', { hasText: '2. We resolve to strengthen cooperation' });
    const select = smuggling().getByLabel(/Element to add/);
    await select.focus();
    await page.keyboard.type('(j) B');
    expect(await select.inputValue()).toBe('j');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => smuggling().locator('.tag.reviewer').count()).toBe(1);
    expect(await smuggling().locator('.tag.reviewer').textContent()).toContain('(j) Border control cooperation');
    await screenshot(page, 'document-reviewed');

    const before = (await p.get(`/documents/${id}`)).body.currentVersion as string;
    const edited = classifierWithExtraTerms({ k: [['zorblax scheme', 1]] });
    expect(edited.version).not.toBe(before);
    const { run } = await runInProcess(
      { ...p.runtime.ingestDeps, classifier: edited, runs: p.runtime.runs },
      { kind: 'all' },
      { makeQueue: (consumer) => new InProcessQueue({ consumer, concurrency: 2, maxReceiveCount: 3, baseDelayMs: 10 }), maxReceiveCount: 3 },
    );
    expect(run.status).toBe('done');
    expect((await p.get(`/documents/${id}`)).body.currentVersion).toBe(edited.version);
    // The new version's machine tags still put (k) on the paragraph; the decision still takes it off.
    const stored = await storedParagraphs(p.runtime.repo, p.runtime.ingestDeps.cache, id, edited.version);
    expect(stored.find((q) => q.text === CONDEMN)!.tags.map((t) => t.element)).toContain('k');

    await page.reload();
    await page.locator('main .view').waitFor();
    await expect.poll(() => condemn().locator('.tag.rejected').count()).toBe(1);
    expect(await condemn().locator('.tag.machine', { hasText: '(k)' }).count()).toBe(0);
    expect(await smuggling().locator('.tag.reviewer').textContent()).toContain('(j)');
    expect(await page.locator('.facts').textContent()).toContain(edited.version);

    // Element k's evidence no longer quotes the rejected paragraph; the document stays (other paragraphs carry k).
    await open('#/elements/k');
    const evidence = (await page.locator('.evidence blockquote').allTextContents()).join('\n');
    expect(evidence).not.toContain('We condemn trafficking in persons');
    expect(await page.locator('li.result .badge.reviewed').count()).toBe(1);
    // Element j lists the document among those reviewers added.
    await open('#/elements/j');
    expect(await page.locator('.reviewer-added li.result h2').allTextContents()).toEqual([TRAFFICKING.title]);
  });

  it('downloads the coverage matrix as CSV', async () => {
    await open('#/coverage');
    expect(await page.locator('table.heatmap tbody tr').count()).toBe(5);
    const row = page.locator('table.heatmap tbody tr', { hasText: TRAFFICKING.title });
    const header = await page.locator('table.heatmap thead th').allTextContents();
    const kCell = row.locator('td').nth(header.indexOf('k') - 1);
    expect(await kCell.textContent()).toMatch(/^\d\.\d\d/);
    await screenshot(page, 'coverage');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('coverage.csv');
    const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r\n/);
    expect(csv[0]).toBe(`documentId,title,key,process,type,meetingDate,${'abcdefghijklmnopqrstuvwx'.split('').join(',')}`);
    expect(csv).toHaveLength(6);
    const line = csv.find((l) => l.startsWith(ids[TRAFFICKING.file]))!.split(',');
    const k = Number(line[6 + 10]);
    expect(k).toBeGreaterThan(0.5);
    // (j), added by a reviewer, counts as addressed.
    expect(line[6 + 9]).toBe('1.000');

    await page.getByRole('link', { name: 'By process' }).click();
    await expect.poll(() => page.locator('table.heatmap tbody th').allTextContents()).toEqual(expect.arrayContaining(['Bali Process (1)', 'Budapest Process (1)']));
    const [byProcess] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(byProcess.suggestedFilename()).toBe('coverage-by-process.csv');
    expect(readFileSync((await byProcess.path())!, 'utf8').split('\r\n')[0]).toMatch(/^process,documents,a,b,/);
  });

  it('lists the decisions and exports the reviewed paragraphs as labelled JSON Lines in the eval format', async () => {
    await open('#/reviews');
    expect(await page.locator('ul.decisions li').count()).toBe(2);
    await screenshot(page, 'reviews');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download labelled paragraphs/ }).click()]);
    const gold = parseGold(readFileSync((await download.path())!, 'utf8'));
    expect(gold).toHaveLength(2);
    const condemn = gold.find((g) => g.text === CONDEMN)!;
    expect(condemn.elements).not.toContain('k');
    const added = gold.find((g) => g.text.startsWith('2. We resolve'))!;
    expect(added.elements).toContain('j');
  });

  it('reported no script error and no Content-Security-Policy violation on any view', () => {
    expect(problems).toEqual([]);
  });

  it('passes the axe-core WCAG 2.1 A/AA checks (labels, contrast, landmarks, names) on every main view', async () => {
    // axe is injected as an inline script, which the page's CSP rightly refuses: a second browser without CSP runs it.
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const auditor = await launchBrowser({ bypassCSP: true });
    try {
      const tab = await auditor.context.newPage();
      const found: string[] = [];
      for (const route of ['', '#/elements/k', `#/documents/${ids[TRAFFICKING.file]}`, '#/upload', '#/documents', '#/coverage', '#/reviews']) {
        await tab.goto(`${p.apiUrl}/${route}`);
        await tab.locator('main .view').waitFor();
        await tab.addScriptTag({ content: axeSource });
        const violations = await tab.evaluate(async () => {
          const axe = (globalThis as any).axe;
          const result = await axe.run((globalThis as any).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
        });
        found.push(...violations.map((v: string) => `${route || '#/'} ${v}`));
      }
      expect(found).toEqual([]);
    } finally {
      await auditor.close();
    }
  });
});
