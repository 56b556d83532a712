/** S3 client construction shared by the composition roots. */
import { S3Client } from '@aws-sdk/client-s3';

export interface S3ClientOptions {
  region: string;
  /** Local emulator endpoint (s3rver); absent on AWS. */
  endpoint?: string;
}

/** Credentials s3rver accepts (it rejects every other pair). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function createS3Client(opts: S3ClientOptions): S3Client {
  if (!opts.endpoint) return new S3Client({ region: opts.region });
  return new S3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    credentials: S3RVER_CREDENTIALS,
    forcePathStyle: true,
    // With the SDK's default (WHEN_SUPPORTED) streamed uploads use aws-chunked framing with trailing
    // checksums, which s3rver stores verbatim inside the object. Only send checksums when required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
