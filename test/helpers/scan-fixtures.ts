/**
 * Scanned PDFs made from our own text: a PDF is generated with text (pdf-fixtures), each page is
 * rasterised by pdf.js onto a canvas (as a scanner would produce an image of it), and the images
 * are wrapped again as an image-only PDF. The test then knows exactly what OCR should read.
 */
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';

interface RenderPage {
  getViewport(a: { scale: number }): { width: number; height: number };
  render(a: object): { promise: Promise<void> };
}

/** PNG images of each page of `pdf` at `dpi`. */
export async function rasterise(pdf: Uint8Array, dpi = 150): Promise<{ png: Uint8Array; width: number; height: number }[]> {
  const parser = new PDFParse({ data: pdf.slice(), verbosity: 0 });
  try {
    const doc = (await (parser as unknown as { load(): Promise<{ numPages: number; getPage(n: number): Promise<RenderPage> }> }).load());
    const out = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const points = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: dpi / 72 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: context, viewport, canvas }).promise;
      out.push({ png: new Uint8Array(canvas.toBuffer('image/png')), width: points.width, height: points.height });
    }
    return out;
  } finally {
    await parser.destroy();
  }
}

/** The same pages as images only: no text layer at all. */
export async function toImageOnlyPdf(pdf: Uint8Array, dpi = 150): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const { png, width, height } of await rasterise(pdf, dpi)) {
    const image = await out.embedPng(png);
    out.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return out.save();
}

/** Pages of several PDFs, in order, as one PDF (a text page followed by a scanned one, say). */
export async function concatPdfs(parts: Uint8Array[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const part of parts) {
    const src = await PDFDocument.load(part);
    for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
  }
  return out.save();
}

/** Share of the reference words OCR found, in order (longest common subsequence of words, case and punctuation ignored). */
export function wordAccuracy(reference: string, read: string): number {
  const words = (t: string) => t.toLowerCase().normalize('NFC').split(/[\s’'«»"“”.,;:()!?]+/u).filter(Boolean);
  const a = words(reference);
  const b = words(read);
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
    prev = row;
  }
  return a.length === 0 ? 1 : prev[b.length] / a.length;
}
