/** Textract client construction for the composition roots. */
import { TextractClient } from '@aws-sdk/client-textract';

export interface TextractClientOptions {
  region: string;
  /** A local stand-in for Textract (tests); absent on AWS. */
  endpoint?: string;
}

export function createTextractClient(opts: TextractClientOptions): TextractClient {
  if (!opts.endpoint) return new TextractClient({ region: opts.region });
  // A stand-in checks no signature; fixed credentials keep the SDK from looking for real ones.
  return new TextractClient({ region: opts.region, endpoint: opts.endpoint, credentials: { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' } });
}
