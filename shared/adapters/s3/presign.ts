/** Presigned POST for uploads: the browser or CLI sends the file straight to S3 with these fields. */
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { S3Client } from '@aws-sdk/client-s3';
import type { UploadTarget, UploadSigner } from '../../app/ports';

export class S3UploadSigner implements UploadSigner {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async sign(args: { key: string; metadata: Record<string, string>; maxBytes: number; expiresInSeconds: number }): Promise<UploadTarget> {
    const metaFields = Object.fromEntries(Object.entries(args.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]));
    const fields = { 'Content-Type': 'application/pdf', ...metaFields };
    const { url, fields: signed } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: args.key,
      Expires: args.expiresInSeconds,
      Fields: fields,
      Conditions: [
        ['eq', '$Content-Type', 'application/pdf'],
        ['content-length-range', 1, args.maxBytes],
        ...Object.entries(metaFields).map(([k, v]) => ['eq', `$${k}`, v] as ['eq', string, string]),
      ],
    });
    return { url, fields: signed, key: args.key, expiresAt: new Date(Date.now() + args.expiresInSeconds * 1000).toISOString() };
  }
}
