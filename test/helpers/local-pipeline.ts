/**
 * The whole local pipeline for a test file: runtime (s3rver + dynalite or GCM_DYNAMODB_ENDPOINT),
 * the API on a free 127.0.0.1 port, and helpers to upload and wait.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../shared/local/runtime';
import { putPdf } from '../../shared/local/upload';
import type { UploadMetadata } from '../../shared/app/types';

export interface TestPipeline {
  runtime: LocalRuntime;
  apiUrl: string;
  get<T = any>(pathAndQuery: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }>;
  upload(key: string, bytes: Uint8Array, metadata?: UploadMetadata): Promise<void>;
  stop(): Promise<void>;
}

/** Overrides for suites that need other limits, queue settings or DynamoDB (e.g. behind a fault proxy). */
export type TestPipelineOptions = Partial<Pick<LocalRuntimeOptions, 'limits' | 'queue' | 'dynamodbEndpoint' | 'ocrJobs'>>;

export async function startTestPipeline(opts: TestPipelineOptions = {}): Promise<TestPipeline> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gcm-pipeline-'));
  const runtime = await startLocalRuntime({
    dataDir,
    dynamodbEndpoint: opts.dynamodbEndpoint ?? (process.env.GCM_DYNAMODB_ENDPOINT || undefined),
    table: `gcm-pipeline-${randomBytes(4).toString('hex')}`,
    queue: { concurrency: 2, maxReceiveCount: 3, baseDelayMs: 20, ...opts.queue },
    limits: opts.limits,
    ocrJobs: opts.ocrJobs,
  });
  const server: ServerType = serve({ fetch: runtime.api.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    runtime,
    apiUrl,
    async get<T = any>(p: string, init?: RequestInit) {
      const res = await fetch(`${apiUrl}${p}`, init);
      const type = res.headers.get('content-type') ?? '';
      const body = (type.includes('json') ? await res.json() : await res.text()) as T;
      return { status: res.status, body, headers: res.headers };
    },
    upload: (key, bytes, metadata = {}) => putPdf(runtime.s3, { bucket: runtime.bucket, key, body: bytes, metadata }),
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
