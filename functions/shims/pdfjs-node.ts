/**
 * Injected (esbuild `inject`) at the top of the bundle that parses PDFs (the extraction worker), so
 * that it runs before pdf.js evaluates. Two problems of the default bundle are fixed here:
 *
 * 1. pdf.js builds `new DOMMatrix()` at module load and crashes with "DOMMatrix is not defined"
 *    when `@napi-rs/canvas` cannot be required: the stubs below stand in.
 * 2. pdf.js on Node runs its "fake worker" in-thread by `import()`-ing `./pdf.worker.mjs` next to
 *    itself, a file that does not exist inside a bundle. Importing the worker module statically
 *    bundles it, and it registers `globalThis.pdfjsWorker`, which pdf.js checks before importing.
 *
 * ES module evaluation follows import order, so the stubs are in place before the worker (and,
 * through the bundle order, before pdf.js itself) evaluates.
 */
import './dom-stubs';
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
