/**
 * Extraction results cached as JSON in S3 under `<prefix><sha256>/<extractorVersion>.json`, and
 * what OCR read under `<prefix><sha256>/ocr/<engineVersion>.json`.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ExtractionResult, OcrReading } from '../../core/extract/types';
import type { ExtractionCache } from '../../app/ports';

export function cacheKey(prefix: string, sha256: string, extractorVersion: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a hex sha256: ${sha256}`);
  return `${prefix}${sha256}/${encodeURIComponent(extractorVersion)}.json`;
}

export function ocrCacheKey(prefix: string, sha256: string, engineVersion: string): string {
  return cacheKey(prefix, sha256, engineVersion).replace(/\/([^/]+)$/, '/ocr/$1');
}

export class S3ExtractionCache implements ExtractionCache {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix = 'cache/',
  ) {}

  async get(sha256: string, extractorVersion: string): Promise<ExtractionResult | undefined> {
    try {
      const res = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: cacheKey(this.prefix, sha256, extractorVersion) }),
      );
      const text = await res.Body!.transformToString('utf8');
      return JSON.parse(text) as ExtractionResult;
    } catch (err) {
      if (err instanceof NoSuchKey || (err as Error).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  async put(sha256: string, extractorVersion: string, result: ExtractionResult): Promise<void> {
    await this.putJson(cacheKey(this.prefix, sha256, extractorVersion), result);
  }

  getOcr(sha256: string, engineVersion: string): Promise<OcrReading | undefined> {
    return this.getJson<OcrReading>(ocrCacheKey(this.prefix, sha256, engineVersion));
  }

  async putOcr(sha256: string, engineVersion: string, reading: OcrReading): Promise<void> {
    await this.putJson(ocrCacheKey(this.prefix, sha256, engineVersion), reading);
  }

  private async getJson<T>(key: string): Promise<T | undefined> {
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return JSON.parse(await res.Body!.transformToString('utf8')) as T;
    } catch (err) {
      if (err instanceof NoSuchKey || (err as Error).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  private async putJson(key: string, value: unknown): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: JSON.stringify(value), ContentType: 'application/json' }));
  }
}
