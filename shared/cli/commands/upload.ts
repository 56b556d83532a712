/**
 * `gcm upload <file|folder>`: uploads PDFs with their metadata, with a progress bar.
 * By default through the API's presigned POST (POST /uploads, then the file straight to S3);
 * with --bucket (or GCM_BUCKET) directly to S3 with the SDK (GCM_S3_ENDPOINT for a local S3,
 * otherwise AWS with the default credential chain).
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { UploadMetadataSchema } from '../../app/metadata';
import type { UploadMetadata } from '../../app/types';
import { createS3Client } from '../../adapters/s3/client';
import { putPdf, uploadObjectKey } from '../../local/upload';
import { ApiClient, apiOptionsFromEnv } from './api-client';
import { shortId, table } from './format';
import { findPdfs, UsageError } from '../lib/find-pdfs';

export { findPdfs, UsageError };

interface UploadOpts {
  process?: string;
  type?: string;
  date?: string;
  bucket?: string;
  prefix: string;
  wait?: boolean;
}

export function registerUpload(program: Command): void {
  program
    .command('upload <path>')
    .description('upload a PDF or every PDF in a folder, with metadata')
    .option('--process <name>', 'consultation process, e.g. "Bali Process"')
    .option('--type <type>', 'declaration, chairs-summary, concept-note, report, resolution, action-plan, evaluation, other')
    .option('--date <YYYY-MM-DD>', 'meeting date')
    .option('--bucket <name>', 'upload straight to this S3 bucket instead of through the API (env GCM_BUCKET)')
    .option('--prefix <prefix>', 'upload prefix for --bucket uploads', 'uploads/')
    .option('--wait', 'wait until every document has a final status and print it')
    .action(async (target: string, opts: UploadOpts) => {
      const parsed = UploadMetadataSchema.safeParse({ process: opts.process, type: opts.type, meetingDate: opts.date });
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path[0] === 'meetingDate' ? 'date' : String(i.path[0])}: ${i.message}`).join('; '));
      const metadata: UploadMetadata = parsed.data;
      const files = findPdfs(target);
      const bucket = opts.bucket ?? process.env.GCM_BUCKET;
      const api = new ApiClient(apiOptionsFromEnv());
      const s3 = bucket ? createS3Client({ region: process.env.AWS_REGION ?? 'us-east-1', endpoint: process.env.GCM_S3_ENDPOINT }) : undefined;

      const bar = new SingleBar({ format: 'uploading [{bar}] {value}/{total} {file}', hideCursor: true }, Presets.shades_classic);
      const showBar = files.length > 1 && process.stderr.isTTY;
      if (showBar) bar.start(files.length, 0, { file: '' });
      const uploaded: Array<{ file: string; id: string }> = [];
      const failures: string[] = [];
      for (const file of files) {
        if (showBar) bar.update({ file: path.basename(file) });
        try {
          const id = createHash('sha256').update(readFileSync(file)).digest('hex');
          if (s3 && bucket) {
            const size = statSync(file).size;
            const key = uploadObjectKey(opts.prefix, path.basename(file), metadata.process);
            await putPdf(s3, { bucket, key, body: createReadStream(file), contentLength: size, metadata });
          } else {
            await postThroughApi(api, file, metadata);
          }
          uploaded.push({ file, id });
        } catch (err) {
          failures.push(`${file}: ${(err as Error).message}`);
        }
        if (showBar) bar.increment();
        else console.error(`uploaded ${file}`);
      }
      if (showBar) bar.stop();
      s3?.destroy();
      for (const f of failures) console.error(`failed: ${f}`);
      console.log(`${uploaded.length} uploaded, ${failures.length} failed`);
      if (opts.wait && uploaded.length) await waitForResults(api, uploaded);
      if (failures.length) process.exitCode = 1;
    });
}

async function postThroughApi(api: ApiClient, file: string, metadata: UploadMetadata): Promise<void> {
  const size = statSync(file).size;
  const target = await api.json('/uploads', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filename: path.basename(file), contentLength: size, ...metadata }),
  });
  const form = new FormData();
  for (const [k, v] of Object.entries(target.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([readFileSync(file)], { type: 'application/pdf' }), path.basename(file));
  const res = await fetch(target.url, { method: 'POST', body: form });
  if (!res.ok) throw new Error(`S3 refused the upload: ${res.status} ${(await res.text()).slice(0, 200)}`);
}

async function waitForResults(api: ApiClient, uploaded: Array<{ file: string; id: string }>): Promise<void> {
  const terminal = new Set(['tagged', 'needs-ocr', 'failed']);
  const results = new Map<string, any>();
  const deadline = Date.now() + 10 * 60_000;
  while (results.size < uploaded.length && Date.now() < deadline) {
    for (const u of uploaded) {
      if (results.has(u.id)) continue;
      try {
        const doc = await api.json(`/documents/${u.id}`);
        if (terminal.has(doc.status)) results.set(u.id, doc);
      } catch {
        /* not registered yet */
      }
    }
    if (results.size < uploaded.length) await new Promise((r) => setTimeout(r, 500));
  }
  console.log(
    table(
      ['id', 'status', 'elements', 'file'],
      uploaded.map((u) => {
        const d = results.get(u.id);
        return [shortId(u.id), d?.status ?? 'pending', d ? d.elements.filter((s: any) => s.addresses).map((s: any) => s.element).join('') : '', path.basename(u.file)];
      }),
    ),
  );
}
