/**
 * Composition root of the API function: storage, the extraction cache (read: paragraph text is
 * served from it), review decisions, the taxonomy, the upload signer and PDF links; no extraction. Callers are recognised from what API Gateway verified (the Cognito
 * JWT on /ui/…, the SigV4 principal elsewhere). Extra environment: GCM_COGNITO_DOMAIN,
 * GCM_COGNITO_CLIENT_ID, GCM_COGNITO_SCOPES (set by the stack; without them the page has no sign-in).
 */
import { loadTaxonomy } from '../core/taxonomy';
import { S3UploadSigner } from '../adapters/s3/presign';
import { S3PdfLinker } from '../adapters/s3/pdf-links';
import { S3ExtractionCache } from '../adapters/s3/extraction-cache';
import { createDynamoClients } from '../adapters/dynamodb/client';
import { DynamoRunStore } from '../adapters/dynamodb/run-store';
import { DynamoReviewRepository } from '../adapters/dynamodb/review-repository';
import type { ApiDeps } from '../app/api';
import { httpApiIdentity } from '../app/api/identity';
import { lambdaStorage, logger } from './lambda';

let deps: ApiDeps | undefined;

export function apiRuntime(): ApiDeps {
  if (deps) return deps;
  const { config, s3, repo } = lambdaStorage();
  const doc = createDynamoClients({ region: config.region, endpoint: config.dynamodbEndpoint }).doc;
  const cursorSecret = process.env.GCM_CURSOR_SECRET || `cursor:${config.table}`;
  const cognitoDomain = process.env.GCM_COGNITO_DOMAIN;
  const cognitoClient = process.env.GCM_COGNITO_CLIENT_ID;
  deps = {
    repo,
    // Paragraph text is served from the extraction cache (read only: the grant is s3:GetObject on it).
    extractions: new S3ExtractionCache(s3, config.bucket, config.cachePrefix),
    taxonomy: loadTaxonomy(),
    signer: new S3UploadSigner(s3, config.bucket),
    uploadPrefix: config.uploadPrefix,
    maxUploadBytes: config.limits.maxBytes,
    // Reprocessing runs (GET /runs…), read from the same table.
    runs: new DynamoRunStore({ client: doc, table: config.table, cursorSecret }),
    reviews: new DynamoReviewRepository({ client: doc, table: config.table, cursorSecret }),
    identify: httpApiIdentity,
    pdfLinks: new S3PdfLinker(s3),
    web:
      cognitoDomain && cognitoClient
        ? { cognito: { domain: cognitoDomain, clientId: cognitoClient, scopes: (process.env.GCM_COGNITO_SCOPES || 'openid').split(/\s+/) } }
        : undefined,
    log: (msg, data) => logger.error(msg, data ?? {}),
  };
  return deps;
}
