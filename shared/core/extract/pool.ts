import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { baseFacts, failed } from './extract-in-process';
import type { ExtractionLimits, ExtractionResult, OcrMode } from './types';

/** Loading pdf.js (and tsx, from source) takes a second or two; far longer means something is wrong. */
const WORKER_STARTUP_MS = 60_000;

interface Job {
  id: number;
  bytes: Uint8Array;
  limits: ExtractionLimits;
  ocr?: OcrMode;
  resolve: (result: ExtractionResult) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/**
 * A few long-lived extraction workers (starting pdf.js costs more than parsing a short PDF).
 * One job per worker at a time; the time limit starts when the job reaches a ready worker, and a
 * worker that runs over it is terminated and replaced. Idle workers are unref'd so that they never
 * keep a CLI or a test process alive.
 */
export class ExtractionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly workerPath: string,
    readonly size = Math.max(1, Math.min(4, availableParallelism())),
  ) {}

  run(bytes: Uint8Array, limits: ExtractionLimits, ocr?: OcrMode): Promise<ExtractionResult> {
    if (this.closed) return Promise.resolve(failed('corrupt', 'the extraction pool is closed', baseFacts(bytes)));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, bytes, limits, ocr, resolve });
      this.dispatch();
    });
  }

  /** Terminates every worker; pending jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(failed('corrupt', 'the extraction pool was closed', baseFacts(job.bytes)));
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot, 'the extraction pool was closed')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && s.job === null);
      if (!slot) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): void {
    const worker = startWorker(this.workerPath);
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    this.slots.push(slot);
    // A worker that never reports ready (a loader that hangs) must not hold jobs forever.
    const startup = setTimeout(() => {
      if (slot.ready) return;
      const reason = `the extraction worker did not start within ${WORKER_STARTUP_MS} ms`;
      for (const job of this.queue.splice(0)) job.resolve(failed('corrupt', reason, baseFacts(job.bytes)));
      void this.retire(slot, reason);
    }, WORKER_STARTUP_MS);
    startup.unref();
    worker.on('message', (message: { type?: string; id?: number; result?: ExtractionResult }) => {
      if (message.type === 'ready') {
        clearTimeout(startup);
        slot.ready = true;
        worker.unref();
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || message.id !== job.id || !message.result) return;
      this.finish(slot, message.result);
    });
    worker.on('error', (error) => {
      // Out of memory, a crash inside pdf.js, or a worker script that cannot load.
      const reason = `the extraction worker failed (${error.message})`;
      if (!slot.ready) {
        // It never started: spawning another would fail the same way, so fail what is waiting.
        for (const job of this.queue.splice(0)) job.resolve(failed('corrupt', reason, baseFacts(job.bytes)));
      }
      void this.retire(slot, reason);
    });
    worker.on('exit', () => {
      void this.retire(slot, 'the extraction worker stopped unexpectedly');
    });
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const facts = baseFacts(job.bytes);
      slot.job = null;
      job.resolve(failed('timeout', `extraction took longer than ${job.limits.timeoutMs} ms and was stopped`, facts));
      void this.retire(slot, null);
    }, job.limits.timeoutMs);
    // Copy: the caller keeps its bytes intact; structured clone of a view copies only the view.
    slot.worker.postMessage({ id: job.id, bytes: job.bytes, limits: job.limits, ocr: job.ocr });
  }

  private finish(slot: Slot, result: ExtractionResult): void {
    const job = slot.job!;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
    job.resolve(result);
    this.dispatch();
  }

  /** Removes a worker from the pool (terminating it) and fails its job if it had one. */
  private async retire(slot: Slot, reason: string | null): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.job;
    slot.job = null;
    if (job) job.resolve(failed('corrupt', reason ?? 'the extraction worker stopped', baseFacts(job.bytes)));
    slot.worker.removeAllListeners('exit');
    await slot.worker.terminate().catch(() => undefined);
    if (!this.closed) this.dispatch();
  }
}

/**
 * A .ts worker (running from source under tsx or vitest) is started through a small bootstrap that
 * registers tsx's loader inside the worker before importing the script: on Node 20, loader flags
 * inherited from the parent do not reach a worker's entry module. Bundled .js workers start directly.
 */
function startWorker(workerPath: string): Worker {
  if (!workerPath.endsWith('.ts')) return new Worker(workerPath);
  const require = createRequire(import.meta.url);
  // The ESM build of tsx's register API (its package exports map 'tsx/esm/api' to it for import()).
  const tsxApi = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  // pdf-parse and pdf.js's worker module are loaded natively before tsx is registered: through tsx's
  // loader they cost some 400 MB more per thread and seconds of start-up. Once in the module cache
  // they are not loaded again, and pdf.js finds its worker code on globalThis.pdfjsWorker.
  // pdf-parse does not export its package.json; its entry lives under <package>/dist/.
  const pdfParseEntry = require.resolve('pdf-parse');
  const pdfParseDir = pdfParseEntry.slice(0, pdfParseEntry.lastIndexOf(`${path.sep}dist${path.sep}`));
  const pdfParse = pathToFileURL(path.join(pdfParseDir, 'dist/pdf-parse/esm/index.js')).href;
  const pdfjsDir = path.dirname(createRequire(path.join(pdfParseDir, 'package.json')).resolve('pdfjs-dist/package.json'));
  const pdfjsWorker = pathToFileURL(path.join(pdfjsDir, 'legacy/build/pdf.worker.mjs')).href;
  const entry = pathToFileURL(workerPath).href;
  const bootstrap = [
    `import(${JSON.stringify(pdfjsWorker)})`,
    `.then(() => import(${JSON.stringify(pdfParse)}))`,
    `.then(() => import(${JSON.stringify(tsxApi)}))`,
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`,
  ].join('');
  return new Worker(bootstrap, { eval: true });
}
