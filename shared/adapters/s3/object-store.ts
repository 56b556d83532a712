/** ObjectStore on S3: reads uploaded PDFs with their user metadata, never buffering past the size limit. */
import { createHash } from 'node:crypto';
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { ObjectNotFoundError, ObjectTooLargeError, type ObjectStore, type StoredObject } from '../../app/ports';

export class S3ObjectStore implements ObjectStore {
  constructor(private readonly s3: S3Client) {}

  async get(bucket: string, key: string, opts: { maxBytes: number; versionId?: string }): Promise<StoredObject> {
    const res = await this.fetch(bucket, key, opts.versionId);
    const body = res.Body as Readable;
    const length = res.ContentLength ?? 0;
    if (length > opts.maxBytes) {
      body.destroy();
      throw new ObjectTooLargeError(length, opts.maxBytes);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const c of body) {
      total += (c as Buffer).length;
      if (total > opts.maxBytes) {
        body.destroy();
        throw new ObjectTooLargeError(total, opts.maxBytes);
      }
      chunks.push(c as Buffer);
    }
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.Metadata ?? {})) metadata[k.toLowerCase()] = v;
    return {
      bytes: new Uint8Array(Buffer.concat(chunks)),
      metadata,
      contentLength: total,
      eTag: res.ETag?.replace(/"/g, ''),
      versionId: res.VersionId,
    };
  }

  async sha256(bucket: string, key: string, versionId?: string): Promise<string> {
    const res = await this.fetch(bucket, key, versionId);
    const hash = createHash('sha256');
    for await (const c of res.Body as Readable) hash.update(c as Buffer);
    return hash.digest('hex');
  }

  private async fetch(bucket: string, key: string, versionId?: string) {
    try {
      return await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    } catch (err) {
      if (err instanceof NoSuchKey || (err as Error).name === 'NoSuchKey') throw new ObjectNotFoundError(key);
      throw err;
    }
  }
}
