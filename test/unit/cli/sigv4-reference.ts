/**
 * An independent SigV4 verifier, written from the published algorithm with node:crypto only, to
 * check what the SDK's signer produced the way API Gateway would: rebuild the canonical request
 * from what arrived (method, path, query, the headers named in SignedHeaders, the body), derive the
 * signing key from the secret, and compare signatures.
 */
import { createHash, createHmac } from 'node:crypto';

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as on the wire, e.g. `/documents/a%20b?limit=5`. */
  rawUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | string;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const m = header ? AUTH.exec(header) : null;
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(';'), signature: m[6]! };
}

// RFC 3986 unreserved characters stay; everything else is %XX (upper case), as SigV4 requires.
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** The signature the request should carry if it was signed with `secretAccessKey`. */
export function expectedSignature(req: ReceivedRequest, secretAccessKey: string): string | undefined {
  const auth = parseAuthorization(header(req.headers, 'authorization'));
  const amzDate = header(req.headers, 'x-amz-date');
  if (!auth || !amzDate) return undefined;
  const [rawPath, rawQuery = ''] = req.rawUrl.split('?', 2) as [string, string?];
  // Every service but S3: each path segment (as sent, already encoded once) is encoded again.
  const canonicalPath = rawPath.split('/').map(uriEncode).join('/');
  const canonicalQuery = [...new URLSearchParams(rawQuery)]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = auth.signedHeaders.map((name) => `${name}:${(header(req.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [req.method.toUpperCase(), canonicalPath, canonicalQuery, canonicalHeaders, auth.signedHeaders.join(';'), sha256Hex(req.body)].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, auth.date);
  for (const part of [auth.region, auth.service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function header(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
}
