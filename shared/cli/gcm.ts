/**
 * The gcm CLI (`npm run gcm -- <command>`). Reads go through the query API (GCM_API_URL, default
 * http://127.0.0.1:3000; bearer token from GCM_API_TOKEN locally, SigV4-signed requests with
 * GCM_API_AUTH=iam or an execute-api URL); uploads go through the API's presigned POST, or straight
 * to S3 with --bucket.
 */
import { Command, CommanderError } from 'commander';
import { ApiRequestError } from './commands/api-client';
import { registerCoverage } from './commands/coverage';
import { registerDocuments } from './commands/documents';
import { registerElement } from './commands/element';
import { registerReprocess } from './commands/reprocess';
import { registerRuns } from './commands/runs';
import { registerShow } from './commands/show';
import { registerUpload } from './commands/upload';

export function buildProgram(): Command {
  const program = new Command('gcm')
    .description('gcm-tagger: upload migration-policy PDFs and query their Global Compact for Migration tags')
    .showHelpAfterError();
  registerUpload(program);
  registerDocuments(program);
  registerShow(program);
  registerElement(program);
  registerCoverage(program);
  registerReprocess(program);
  registerRuns(program);
  return program;
}

async function main(argv: string[]) {
  // The SDK clients warn on every run, at construction, that SDK releases after January 2027 will
  // need Node 22. Nine lines above every table on the Node 20 this project supports are noise for
  // CLI users; set the variable to "false" to see the warning again.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    const prefix = err instanceof ApiRequestError && err.status ? `API ${err.status} ${err.code}: ` : '';
    console.error(`gcm: ${prefix}${(err as Error).message}`);
    process.exit(err instanceof ApiRequestError && err.status === 0 ? 3 : 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('gcm.ts')) {
  void main(process.argv);
}
