/**
 * DynamoDB item size as the service bills it, from a marshalled item (AttributeValue form): attribute
 * names plus values, numbers at about one byte per two significant digits plus one, lists and maps
 * with 3 bytes of overhead plus 1 per element. Write units are whole KiB per item written.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

function numberSize(n: string): number {
  const digits = n.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '') || '0';
  return Math.ceil(digits.length / 2) + 1;
}

export function attributeValueSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if (v.NS) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if (v.BS) return v.BS.reduce((n, b) => n + b.byteLength, 0);
  if (v.L) return 3 + v.L.reduce((n, e) => n + 1 + attributeValueSize(e), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + utf8(k) + attributeValueSize(e), 0);
  throw new TypeError(`unknown attribute value shape: ${Object.keys(v).join(',')}`);
}

export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((n, [name, value]) => n + utf8(name) + attributeValueSize(value), 0);
}

/** Write units for writing one item of `bytes` (standard writes: 1 unit per started KiB). */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

/** DynamoDB storage adds 100 bytes of index overhead per item (base table and each index copy). */
export const STORAGE_OVERHEAD_BYTES = 100;
