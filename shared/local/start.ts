/**
 * `npm start`: the whole pipeline on this machine. Starts s3rver and dynalite (data under .local/),
 * the ingest wiring and the API on 127.0.0.1, seeds an empty archive with sample documents, prints
 * the URLs and keeps running until Ctrl-C.
 *
 * Environment (all optional): GCM_API_PORT (3000), GCM_S3_PORT (4569), GCM_DYNAMODB_PORT (4567),
 * GCM_DATA_DIR (.local), GCM_DYNAMODB_ENDPOINT (use that DynamoDB instead of dynalite),
 * GCM_API_TOKEN (require this bearer token), GCM_NO_SAMPLES=1 (do not seed).
 */
import path from 'node:path';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { hasObjects } from '../adapters/s3/list';
import { answerClientErrorsWithJson } from './json-client-errors';
import { startLocalRuntime } from './runtime';
import { SAMPLE_DOCUMENTS, renderSamplePdf } from './sample-documents';
import { putPdf, uploadObjectKey } from './upload';

const env = process.env;
const port = (name: string, fallback: number) => {
  const value = env[name] === undefined ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
};

async function main() {
  // The SDK warns at client construction that its releases after January 2027 need Node 22; on the
  // Node 20 this project supports that is noise above the addresses a newcomer needs to read.
  // Set the variable to "false" to see it.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const apiPort = port('GCM_API_PORT', 3000);
  const dataDir = path.resolve(env.GCM_DATA_DIR ?? '.local');
  const runtime = await startLocalRuntime({
    dataDir,
    persistDynamo: true,
    s3Port: port('GCM_S3_PORT', 4569),
    dynamoPort: port('GCM_DYNAMODB_PORT', 4567),
    dynamodbEndpoint: env.GCM_DYNAMODB_ENDPOINT || undefined,
    apiToken: env.GCM_API_TOKEN || undefined,
    log: (msg, data) => console.log(`[ingest] ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`),
  });
  const server = serve({ fetch: runtime.api.fetch, port: apiPort, hostname: '127.0.0.1' });
  answerClientErrorsWithJson(server as Server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;

  console.log(`
gcm-tagger local pipeline
  Web page  ${apiUrl}/
  API       ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json${env.GCM_API_TOKEN ? ', bearer token required' : ''})
  S3        ${runtime.s3Endpoint}   bucket "${runtime.bucket}", uploads under "${runtime.uploadPrefix}" (credentials S3RVER/S3RVER)
  DynamoDB  ${runtime.dynamoEndpoint}   table "${runtime.table}"
  Data      ${dataDir}
`);

  // dynalite has no TTL: delete superseded versions and finished runs past their retention here instead (hourly).
  const purge = () =>
    Promise.all([runtime.repo.purgeExpiredVersions(), runtime.runs.purgeExpiredRuns()])
      .then(([versions, runs]) => {
        if (versions) console.log(`Purged ${versions} superseded version(s) past retention.`);
        if (runs) console.log(`Purged ${runs} finished run(s) past retention.`);
      })
      .catch((err) => console.error(`purge failed: ${(err as Error).message}`));
  await purge();
  setInterval(purge, 3_600_000).unref();

  const recovered = await runtime.recoverUnfinished();
  if (recovered) console.log(`Re-queued ${recovered} upload(s) left unfinished by the last run.`);

  if (env.GCM_NO_SAMPLES !== '1' && !(await hasObjects(runtime.s3, runtime.bucket, runtime.uploadPrefix))) {
    console.log(`Empty archive: uploading ${SAMPLE_DOCUMENTS.length} sample documents…`);
    for (const sample of SAMPLE_DOCUMENTS) {
      const body = await renderSamplePdf(sample);
      const key = uploadObjectKey(runtime.uploadPrefix, sample.file, sample.metadata.process);
      await putPdf(runtime.s3, { bucket: runtime.bucket, key, body, metadata: sample.metadata });
    }
  }
  await runtime.idle();
  const tagged = await runtime.repo.listByStatus('tagged', 100);
  console.log(`Ready: ${tagged.items.length}${tagged.nextCursor ? '+' : ''} tagged document(s). Open ${apiUrl}/ in a browser, or try:
  curl ${apiUrl}/elements/k/documents
  ${apiUrl === 'http://127.0.0.1:3000' ? '' : `GCM_API_URL=${apiUrl} `}npm run gcm -- documents
Ctrl-C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    server.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`gcm start failed: ${(err as Error).message}`);
  process.exit(1);
});
