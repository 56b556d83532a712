/**
 * A small HTTP proxy that sits between an AWS SDK client and a local emulator (dynalite, s3rver)
 * and injects the faults the real services produce, so retry and recovery paths run against real
 * wire behaviour instead of mocks:
 *
 *   - `throttle`:      DynamoDB: 400 with a ProvisionedThroughputExceededException or ThrottlingException
 *                      JSON body (alternating); S3: 503 SlowDown XML. The request never reaches the emulator.
 *   - `server-error`:  DynamoDB: 500 InternalServerError JSON; S3: 500 InternalError XML. Not forwarded.
 *   - `drop-request`:  the connection is destroyed before the request is forwarded (nothing happened).
 *   - `drop-response`: the request is forwarded and executed, then the connection is destroyed before the
 *                      response reaches the client (it happened, but the client cannot know).
 *
 * Faults come from `rule` (decides per request, e.g. "every PutItem of this document") and/or a random
 * `rate` drawn from a seeded generator, so a run can be repeated.
 *
 *   const proxy = await startFaultProxy({ target: dynalite.endpoint, flavor: 'dynamodb' });
 *   proxy.configure({ rate: 0.15, kinds: ['throttle', 'drop-request'] });
 *   ... proxy.stats.faults.throttle ...
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultKind = 'throttle' | 'server-error' | 'drop-request' | 'drop-response';
export const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'server-error', 'drop-request', 'drop-response'];

export interface ProxiedRequest {
  method: string;
  /** Path and query as received (S3: `/<bucket>/<encoded key>`). */
  url: string;
  /** DynamoDB operation from `x-amz-target` (e.g. `PutItem`), or undefined for S3. */
  operation?: string;
  body: Buffer;
}

export interface FaultSettings {
  /** Fraction of requests (0–1) that get a random fault from `kinds`. */
  rate?: number;
  kinds?: readonly FaultKind[];
  /** Consulted first; returning a kind injects it, undefined falls through to `rate`. */
  rule?: (req: ProxiedRequest) => FaultKind | undefined;
}

export interface FaultProxy {
  url: string;
  stats: { requests: number; faults: Record<FaultKind, number> };
  configure(settings: FaultSettings): void;
  /** Stops injecting faults (requests are still proxied). */
  clear(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(opts: { target: string; flavor: 'dynamodb' | 's3'; seed?: number }): Promise<FaultProxy> {
  const target = new URL(opts.target);
  const random = mulberry32(opts.seed ?? 7);
  let settings: FaultSettings = {};
  let throttleFlip = false;
  const stats = { requests: 0, faults: { throttle: 0, 'server-error': 0, 'drop-request': 0, 'drop-response': 0 } };
  // Keep-alive toward the emulator; the client side is whatever the SDK chose.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  function decide(req: ProxiedRequest): FaultKind | undefined {
    const ruled = settings.rule?.(req);
    if (ruled) return ruled;
    const rate = settings.rate ?? 0;
    const kinds = settings.kinds ?? FAULT_KINDS;
    if (rate <= 0 || kinds.length === 0 || random() >= rate) return undefined;
    return kinds[Math.floor(random() * kinds.length)];
  }

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  function sendError(res: ServerResponse, kind: 'throttle' | 'server-error'): void {
    if (opts.flavor === 'dynamodb') {
      throttleFlip = !throttleFlip;
      const [status, type, message] =
        kind === 'server-error'
          ? [500, 'com.amazonaws.dynamodb.v20120810#InternalServerError', 'Internal server error']
          : throttleFlip
            ? [400, 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.']
            : [400, 'com.amazon.coral.availability#ThrottlingException', 'Rate of requests exceeds the allowed throughput.'];
      const body = JSON.stringify({ __type: type, message });
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-errortype': type.split('#')[1],
        'x-amzn-requestid': `fault-${stats.requests}`,
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    const [status, code, message] =
      kind === 'server-error' ? [500, 'InternalError', 'We encountered an internal error. Please try again.'] : [503, 'SlowDown', 'Please reduce your request rate.'];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-${stats.requests}</RequestId></Error>`;
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        stats.requests++;
        const body = Buffer.concat(chunks);
        const targetHeader = req.headers['x-amz-target'];
        const operation = typeof targetHeader === 'string' ? targetHeader.split('.').pop() : undefined;
        const fault = decide({ method: req.method ?? 'GET', url: req.url ?? '/', operation, body });
        if (fault) stats.faults[fault]++;
        if (fault === 'throttle' || fault === 'server-error') return sendError(res, fault);
        if (fault === 'drop-request') return void req.socket.destroy();
        let upstream;
        try {
          upstream = await forward(req, body);
        } catch {
          return void req.socket.destroy();
        }
        if (fault === 'drop-response') return void req.socket.destroy();
        const headers = { ...upstream.headers };
        if (req.method !== 'HEAD') {
          // The body was buffered: send it with its length rather than re-chunked.
          delete headers['transfer-encoding'];
          headers['content-length'] = String(upstream.body.length);
        }
        res.writeHead(upstream.status, headers);
        res.end(upstream.body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    configure(next) {
      settings = next;
    },
    clear() {
      settings = {};
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

/** Small seeded PRNG (mulberry32): the same seed gives the same fault sequence for the same request order. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
