/** Composition root of the API function: storage, the extraction cache (read), the taxonomy and the upload signer; no extraction. */
import { loadTaxonomy } from '../core/taxonomy';
import { S3UploadSigner } from '../adapters/s3/presign';
import { S3ExtractionCache } from '../adapters/s3/extraction-cache';
import { createDynamoClients } from '../adapters/dynamodb/client';
import { DynamoRunStore } from '../adapters/dynamodb/run-store';
import type { ApiDeps } from '../app/api';
import { lambdaStorage, logger } from './lambda';

let deps: ApiDeps | undefined;

export function apiRuntime(): ApiDeps {
  if (deps) return deps;
  const { config, s3, repo } = lambdaStorage();
  deps = {
    repo,
    // Paragraph text is served from the extraction cache (read only: the grant is s3:GetObject on it).
    extractions: new S3ExtractionCache(s3, config.bucket, config.cachePrefix),
    taxonomy: loadTaxonomy(),
    signer: new S3UploadSigner(s3, config.bucket),
    uploadPrefix: config.uploadPrefix,
    maxUploadBytes: config.limits.maxBytes,
    // Reprocessing runs (GET /runs…), read from the same table.
    runs: new DynamoRunStore({
      client: createDynamoClients({ region: config.region, endpoint: config.dynamodbEndpoint }).doc,
      table: config.table,
      cursorSecret: process.env.GCM_CURSOR_SECRET || `cursor:${config.table}`,
    }),
    log: (msg, data) => logger.error(msg, data ?? {}),
  };
  return deps;
}
