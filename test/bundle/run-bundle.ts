/** Running a built Lambda bundle the way Lambda does: a fresh `node`, nothing but the bundle directory. */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocalServices } from '../helpers/local-services';

const run = promisify(execFile);

/** True when no directory from `dir` up to the root holds node_modules. */
export function noNodeModulesAbove(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'node_modules'))) return false;
    if (path.dirname(d) === d) return true;
  }
}

/**
 * Writes `source` as an ES module next to the bundle and runs it with a minimal environment (no
 * NODE_PATH, no loader flags, only `env`). Returns stdout.
 */
export async function runDriver(dir: string, name: string, source: string, env: Record<string, string> = {}): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  try {
    const { stdout } = await run(process.execPath, [file], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
      timeout: 45_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    // A crash prints a line of minified bundle: keep the end, where the error itself is.
    const e = error as Error & { stderr?: string; code?: number };
    throw new Error(`${name} exited with ${e.code}: …${String(e.stderr ?? e.message).slice(-1500)}`);
  }
}

/** The line a driver printed as `<tag> <json>`, parsed. */
export function taggedJson(stdout: string, tag: string): unknown {
  const line = stdout.split('\n').find((l) => l.startsWith(`${tag} `));
  if (!line) throw new Error(`driver printed no ${tag} line; stdout was:\n${stdout}`);
  return JSON.parse(line.slice(tag.length + 1));
}

/**
 * The environment a bundle needs to reach the emulated bucket and table, as the deployed
 * functions reach the real ones (region, credentials the emulators accept, names, endpoints).
 */
export function localServicesEnv(services: LocalServices): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    GCM_BUCKET: services.bucket,
    GCM_TABLE: services.table,
    GCM_S3_ENDPOINT: services.s3Endpoint,
    GCM_DYNAMODB_ENDPOINT: services.dynamoEndpoint,
  };
}
