/**
 * S3 event records. Real S3 URL-encodes object keys in notifications (form style: spaces as `+`);
 * s3rver does not, so the local wiring encodes them the way S3 does and one decoder serves both.
 */
import type { S3Event, S3EventRecord } from 'aws-lambda';

export interface ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
  eTag?: string;
  size?: number;
}

export class MalformedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedEventError';
  }
}

/** Decodes a key as it appears in an S3 event notification. */
export function decodeS3EventKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    throw new MalformedEventError(`undecodable object key in event: ${encoded}`);
  }
}

/** Encodes a key the way S3 writes it into event notifications (the inverse of decodeS3EventKey). */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');
}

/** Object references of the ObjectCreated records in an S3 event (others are ignored). */
export function objectsFromS3Event(event: unknown): ObjectRef[] {
  const records = (event as S3Event | undefined)?.Records;
  if (!Array.isArray(records)) throw new MalformedEventError('not an S3 event: no Records array');
  const refs: ObjectRef[] = [];
  for (const r of records as S3EventRecord[]) {
    if (r?.eventSource !== 'aws:s3' || typeof r.eventName !== 'string') throw new MalformedEventError('record is not from S3');
    if (!r.eventName.startsWith('ObjectCreated:')) continue;
    const bucket = r.s3?.bucket?.name;
    const key = r.s3?.object?.key;
    if (typeof bucket !== 'string' || typeof key !== 'string') throw new MalformedEventError('record lacks bucket or key');
    refs.push({
      bucket,
      key: decodeS3EventKey(key),
      versionId: r.s3.object.versionId || undefined,
      eTag: r.s3.object.eTag || undefined,
      size: r.s3.object.size,
    });
  }
  return refs;
}

/** True for S3's test notification, sent once when a bucket notification is configured. */
export function isS3TestEvent(event: unknown): boolean {
  return (event as { Event?: string } | undefined)?.Event === 's3:TestEvent';
}
