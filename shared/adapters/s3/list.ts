/**
 * Lists object keys under a prefix. Uses ListObjects (v1) with markers: s3rver builds v2
 * continuation tokens with DES, which OpenSSL 3 (Node 17+) refuses, so any truncated v2 listing
 * fails there with InternalError. v1 works the same on S3 and s3rver.
 */
import { ListObjectsCommand, type S3Client } from '@aws-sdk/client-s3';

export async function* listObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
  pageSize = 1000,
): AsyncGenerator<{ key: string; size: number }> {
  let marker: string | undefined;
  for (;;) {
    const page = await s3.send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, Marker: marker, MaxKeys: pageSize }));
    const contents = page.Contents ?? [];
    for (const o of contents) yield { key: o.Key!, size: o.Size ?? 0 };
    if (!page.IsTruncated || contents.length === 0) return;
    marker = page.NextMarker ?? contents[contents.length - 1].Key;
  }
}

export async function hasObjects(s3: S3Client, bucket: string, prefix: string): Promise<boolean> {
  for await (const _ of listObjects(s3, bucket, prefix, 1)) return true;
  return false;
}
