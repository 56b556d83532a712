/**
 * Size of each Lambda bundle, built exactly as the stack builds it (../bundling/options), for the
 * benchmark report. Lambda's limits apply to the zipped upload (50 MB) and the unzipped code
 * (250 MB); the gzip size is a close stand-in for the size inside the deployment zip.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { FUNCTION_BUNDLES, esbuildOptions, type FunctionName } from './bundling/options';

export interface BundleFileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface FunctionBundleSize {
  function: FunctionName;
  /** Every file of the deployed code directory, source maps included. */
  files: BundleFileSize[];
  /** JavaScript that Node loads (source maps excluded). */
  codeBytes: number;
  codeGzipBytes: number;
  /** Everything shipped, source maps included (what counts against Lambda's limits). */
  totalBytes: number;
  totalGzipBytes: number;
}

/** Builds every function bundle (or the named ones) into a temporary directory and measures it. */
export async function measureBundleSizes(functions: FunctionName[] = Object.keys(FUNCTION_BUNDLES) as FunctionName[]): Promise<FunctionBundleSize[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'gcm-bundle-sizes-'));
  try {
    const results: FunctionBundleSize[] = [];
    for (const name of functions) {
      const outDir = path.join(root, name);
      await buildFunctionBundle(name, outDir);
      results.push(measureDirectory(name, outDir));
    }
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Builds one function's code directory (main file and extra files) as the stack ships it.
 * Returns the modules each file still imports at run time (esbuild leaves Node built-ins and
 * anything marked external unbundled).
 */
export async function buildFunctionBundle(name: FunctionName, outDir: string): Promise<{ runtimeImports: Record<string, string[]> }> {
  const bundle = FUNCTION_BUNDLES[name];
  const runtimeImports: Record<string, string[]> = {};
  for (const spec of [bundle.main, ...bundle.extraFiles]) {
    const result = await build({ ...esbuildOptions(spec, outDir), metafile: true });
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.map')) continue;
      const external = output.imports.filter((i) => i.external).map((i) => i.path);
      runtimeImports[path.basename(file)] = [...new Set(external)].sort();
    }
  }
  return { runtimeImports };
}

function measureDirectory(name: FunctionName, dir: string): FunctionBundleSize {
  const files = readdirSync(dir)
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort()
    .map((file) => {
      const content = readFileSync(path.join(dir, file));
      return { file, bytes: content.byteLength, gzipBytes: gzipSync(content).byteLength };
    });
  const code = files.filter((f) => !f.file.endsWith('.map'));
  const sum = (list: BundleFileSize[], key: 'bytes' | 'gzipBytes') => list.reduce((n, f) => n + f[key], 0);
  return {
    function: name,
    files,
    codeBytes: sum(code, 'bytes'),
    codeGzipBytes: sum(code, 'gzipBytes'),
    totalBytes: sum(files, 'bytes'),
    totalGzipBytes: sum(files, 'gzipBytes'),
  };
}

// `npx tsx infra/bundle-sizes.ts` prints the table.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const sizes = await measureBundleSizes();
  for (const s of sizes) {
    console.log(`${s.function}: ${(s.codeBytes / 1e6).toFixed(2)} MB code (${(s.codeGzipBytes / 1e6).toFixed(2)} MB gzip), ${(s.totalBytes / 1e6).toFixed(2)} MB with source maps`);
    for (const f of s.files) console.log(`  ${f.file}: ${f.bytes} bytes (${f.gzipBytes} gzip)`);
  }
}
