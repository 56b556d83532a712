import { createRequire } from 'node:module';

/** An 8-bit grey image, one byte per pixel, rows top to bottom. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** The part of pdf.js's page API that rendering uses. */
interface RenderablePage {
  getViewport(args: { scale: number }): { width: number; height: number };
  render(args: { canvasContext: unknown; viewport: unknown; canvas: unknown }): { promise: Promise<void> };
  cleanup(): void;
}
interface RenderableDocument {
  getPage(n: number): Promise<unknown>;
}

interface CanvasModule {
  createCanvas(width: number, height: number): {
    width: number;
    height: number;
    getContext(kind: '2d'): {
      fillStyle: string;
      fillRect(x: number, y: number, w: number, h: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    };
  };
}

/**
 * The canvas is loaded only when a page is rendered, and by a name the bundler does not follow:
 * the Lambda bundles never render (Textract reads scans there) and carry no native canvas.
 */
let canvasModule: CanvasModule | null = null;
function loadCanvas(): CanvasModule {
  const name = '@napi-rs/canvas';
  canvasModule ??= createRequire(import.meta.url)(name) as CanvasModule;
  return canvasModule;
}

/** Pages are rendered at most this many pixels on a side, whatever the scale asked (memory). */
const MAX_SIDE = 5000;

/** Renders page n at `pixelsPerPoint` (300 dpi ≈ 4.17) on white, and converts it to grey. */
export async function renderPage(doc: RenderableDocument, n: number, pixelsPerPoint: number): Promise<GreyImage> {
  const page = (await doc.getPage(n)) as RenderablePage;
  try {
    const natural = page.getViewport({ scale: 1 });
    const scale = Math.min(pixelsPerPoint, MAX_SIDE / Math.max(natural.width, natural.height));
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.ceil(viewport.width));
    const height = Math.max(1, Math.ceil(viewport.height));
    const canvas = loadCanvas().createCanvas(width, height);
    const context = canvas.getContext('2d');
    // Scans with transparent masks would otherwise come out black on black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({ canvasContext: context, viewport, canvas }).promise;
    const rgba = context.getImageData(0, 0, width, height).data;
    const pixels = new Uint8Array(width * height);
    // Luma with integer weights (ITU-R BT.601, scaled to 256).
    for (let i = 0, j = 0; j < pixels.length; i += 4, j++) pixels[j] = (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29) >> 8;
    return { width, height, pixels };
  } finally {
    page.cleanup();
  }
}

/** Binary PGM (P5): the simplest image file Leptonica reads, so no PNG encoding is needed. */
export function toPgm(image: GreyImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.pixels.length);
  out.set(header, 0);
  out.set(image.pixels, header.length);
  return out;
}
