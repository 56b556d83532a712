/**
 * The two local emulators, started in-process on 127.0.0.1: s3rver (S3) and dynalite (DynamoDB).
 * s3rver keeps objects on disk under `directory`; dynalite is in memory unless given a `path`.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import S3rver from 's3rver';
import dynalite from 'dynalite';
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(readonly port: number, what: string) {
    super(`port ${port} for ${what} is already in use (another \`npm start\`?); set a different port in the environment`);
    this.name = 'PortInUseError';
  }
}

/** s3rver reports a busy port as an uncaught 'error' event, so check first and fail with a clear message. */
async function assertPortFree(port: number, what: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new PortInUseError(port, what)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Local only: any origin may POST (presigned forms) and GET (presigned links); s3rver serves loopback alone. */
const LOCAL_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>300</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface RunningS3 {
  endpoint: string;
  port: number;
  server: S3rver;
  /** Registers a listener for s3rver's AWS-shaped event notifications ({ Records: [...] }). */
  onEvent(listener: (event: unknown) => void): void;
  close(): Promise<void>;
}

export async function startS3(opts: { port: number; directory: string; buckets: string[]; silent?: boolean }): Promise<RunningS3> {
  mkdirSync(opts.directory, { recursive: true });
  await assertPortFree(opts.port, 'S3 (s3rver)');
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port,
    silent: opts.silent ?? true,
    directory: opts.directory,
    // Path-style requests only; vhost parsing would take "127" for a bucket in some clients.
    vhostBuckets: false,
    // CORS so that the browser page (another origin: the API's port) can POST uploads and read the answer.
    configureBuckets: opts.buckets.map((name) => ({ name, configs: [LOCAL_CORS] })),
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    server,
    onEvent: (listener) => server.on('event', listener),
    close: () => server.close(),
  };
}

export interface RunningDynamo {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startDynalite(opts: { port: number; path?: string }): Promise<RunningDynamo> {
  if (opts.path) mkdirSync(opts.path, { recursive: true });
  const server: Server = dynalite({ path: opts.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(opts.port, 'DynamoDB (dynalite)') : err));
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
