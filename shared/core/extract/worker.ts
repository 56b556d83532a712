/**
 * Worker-thread entry of the extraction stage. It receives PDF bytes, runs the whole extraction on
 * its own thread and posts the typed result back, so that the caller can terminate a runaway parse.
 * Protocol: posts { type: 'ready' } once loaded; then answers { id, bytes, limits, ocr } with { id, result }.
 * OCR of scanned pages runs here too, so the job's time limit covers it.
 */
import { parentPort } from 'node:worker_threads';
import { extractInProcess, failed } from './extract-in-process';
import { loadPdfParse } from './read-pages';
import type { ExtractionLimits, ExtractionResult, OcrMode } from './types';

interface Job {
  id: number;
  bytes: Uint8Array;
  limits: ExtractionLimits;
  ocr?: OcrMode;
}

const port = parentPort;
if (!port) throw new Error('worker.ts must be started as a worker thread');

port.on('message', async (job: Job) => {
  let result: ExtractionResult;
  try {
    result = await extractInProcess(job.bytes, job.limits, job.ocr);
  } catch (error) {
    result = failed('corrupt', `extraction crashed (${error instanceof Error ? error.message : String(error)})`, {});
  }
  port.postMessage({ id: job.id, result });
});
// Load pdf.js before reporting ready: its start-up must not count against the first job's time
// limit, and a bundle that cannot load it should fail here, visibly, rather than on every job.
await loadPdfParse();
port.postMessage({ type: 'ready' });
