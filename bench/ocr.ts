/**
 * 8. OCR: scanned pages per second with the local engine (tesseract in WebAssembly, one thread,
 * through extractInProcess as the worker runs it), on pages we print from our own text and scan;
 * and what the same pages would cost on Amazon Textract at list price.
 */
import { DEFAULT_LIMITS, extractInProcess, tesseractEngineVersion } from '../shared/core/extract';
import { makePdf } from '../test/helpers/pdf-fixtures';
import { concatPdfs, toImageOnlyPdf, wordAccuracy } from '../test/helpers/scan-fixtures';
import { round } from './lib/stats';
import type { Benchmark, BenchOutput } from './lib/types';

/**
 * Amazon Textract DetectDocumentText (StartDocumentTextDetection bills the same), us-east-1 list
 * price per page: first million pages a month, and beyond. SNS and SQS for the completion message
 * cost well under a cent per thousand documents and are left out.
 */
export const TEXTRACT_PRICE_PER_PAGE = { firstMillion: 0.0015, beyond: 0.0006 };

const PARAGRAPHS = [
  'Member States commit to strengthen international cooperation on migration governance, including regular pathways for migrant workers and their families, and to share data on labour market needs.',
  'The programme supports returning migrants with reintegration assistance, counselling and access to vocational training, in partnership with local authorities and civil society.',
  'Governments will reduce the transaction costs of remittances to below three per cent and promote financial inclusion of migrants and their families through digital services.',
  'States shall prevent, combat and eradicate trafficking in persons, protect and assist victims with full respect for their human rights, and prosecute those responsible.',
];

export const ocrBenchmark: Benchmark = {
  name: 'ocr',
  title: '8. OCR: local pages per second, Textract cost per 1,000 pages',
  async run(ctx): Promise<BenchOutput> {
    const pages = 6;
    const text = Array.from({ length: pages }, (_, i) => [...PARAGRAPHS.slice(i % 4), ...PARAGRAPHS.slice(0, i % 4)]);
    const scan = await concatPdfs(await Promise.all(text.map((paragraphs) => makePdf({ pages: [{ paragraphs }] }).then((pdf) => toImageOnlyPdf(pdf, 200)))));
    const mode = { kind: 'local' as const, engineVersion: tesseractEngineVersion() };
    ctx.log(`OCR of ${pages} scanned pages (200 dpi), one thread`);
    // One warm-up page: loading the WebAssembly module and the models is paid once per worker.
    const warm = await toImageOnlyPdf(await makePdf({ pages: [{ paragraphs: PARAGRAPHS.slice(0, 1) }] }), 200);
    const t0 = performance.now();
    await extractInProcess(warm, DEFAULT_LIMITS, mode);
    const warmMs = performance.now() - t0;
    const t1 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await extractInProcess(scan, DEFAULT_LIMITS, mode);
    const wallS = (performance.now() - t1) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (result.outcome !== 'ok') throw new Error(`OCR benchmark: ${result.outcome} ${result.reason}`);
    const accuracy = wordAccuracy(text.flat().join(' '), result.document.paragraphs.map((p) => p.text).join(' '));
    const perThousand = (price: number) => round(price * 1000, 2);
    const figures = {
      pages,
      wallSeconds: round(wallS, 2),
      pagesPerSecond: round(pages / wallS, 2),
      cpuSecondsPerPage: round((cpu.user + cpu.system) / 1e6 / pages, 2),
      firstDocumentMs: round(warmMs, 0),
      wordAccuracy: round(accuracy, 3),
      meanConfidence: result.document.facts.ocr?.confidence ?? null,
      textractUsdPer1000Pages: perThousand(TEXTRACT_PRICE_PER_PAGE.firstMillion),
      textractUsdPer1000PagesBeyondMillion: perThousand(TEXTRACT_PRICE_PER_PAGE.beyond),
    };
    return {
      tables: [
        {
          title: 'Local OCR (tesseract, WebAssembly, one thread) on scanned pages of our own text',
          header: ['pages', 'wall s', 'pages/s', 'CPU s/page', 'word accuracy', 'mean confidence', 'first document (module and models load)'],
          rows: [[pages, figures.wallSeconds, figures.pagesPerSecond, figures.cpuSecondsPerPage, figures.wordAccuracy, figures.meanConfidence ?? '-', `${figures.firstDocumentMs} ms`]],
        },
        {
          title: 'Amazon Textract (DetectDocumentText, asynchronous), us-east-1 list price',
          header: ['pages a month', 'per 1,000 pages'],
          rows: [
            ['first 1,000,000', `$${figures.textractUsdPer1000Pages.toFixed(2)}`],
            ['beyond', `$${figures.textractUsdPer1000PagesBeyondMillion.toFixed(2)}`],
          ],
        },
      ],
      notes: [
        'The first page of each document is read once per installed model to choose the model (two with eng and fra, three with spa); later pages once.',
        'Textract prices are list prices as stated in bench/ocr.ts; Textract bills every page of the object it is given, so a mixed document costs its text pages too.',
      ],
      json: figures,
    };
  },
};
