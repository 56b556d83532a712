/** Presigned GETs of uploaded PDFs, so a browser opens the original (at a page, with `#page=N`). */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PdfLinker } from '../../app/pdf-links';

export class S3PdfLinker implements PdfLinker {
  constructor(private readonly s3: S3Client) {}

  link(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      // Shown in the browser's PDF viewer rather than downloaded, whatever the object was stored with.
      ResponseContentType: 'application/pdf',
      ResponseContentDisposition: 'inline',
    });
    return getSignedUrl(this.s3, command, { expiresIn: expiresInSeconds });
  }
}
