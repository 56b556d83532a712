/** Puts a PDF into the archive the way a user upload does: under the upload prefix, with metadata. */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { toObjectMetadata } from '../app/metadata';
import type { UploadMetadata } from '../app/types';

export function uploadObjectKey(uploadPrefix: string, file: string, process?: string): string {
  const folder = process ? `${process.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}/` : '';
  return `${uploadPrefix}${folder}${file}`;
}

export async function putPdf(
  s3: S3Client,
  args: { bucket: string; key: string; body: Uint8Array | NodeJS.ReadableStream; contentLength?: number; metadata: UploadMetadata },
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: args.bucket,
      Key: args.key,
      Body: args.body as never,
      ContentLength: args.contentLength,
      ContentType: 'application/pdf',
      Metadata: toObjectMetadata(args.metadata),
    }),
  );
}
