/**
 * The one description of how Lambda code is bundled. The CDK stack renders it into `NodejsFunction`
 * bundling options (esbuild CLI under the hood), and the bundle test and size report render it into
 * esbuild's JS API: same target, format, banner, injected shims and externals everywhere, so a test
 * of the bundle is a test of what ships.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Lambda's Node.js runtime major; keep in step with `LAMBDA_RUNTIME` in the stack. */
export const NODE_TARGET = 'node24';

/**
 * ESM output has no `require`; CommonJS dependencies that esbuild wraps (natural, some of the AWS
 * SDK's transitive deps) still call it for Node built-ins. The alias avoids colliding with any
 * `createRequire` binding a bundled module may declare itself.
 */
export const ESM_REQUIRE_BANNER =
  'import { createRequire as __gcmCreateRequire } from "node:module"; const require = __gcmCreateRequire(import.meta.url);';

/**
 * Files injected first (esbuild `inject`) into bundles that contain pdf.js. Every such bundle needs
 * the DOM stubs, because pdf.js builds a DOMMatrix as soon as it loads. Only a bundle that parses
 * PDFs also needs pdf.js's worker code bundled (`pdfjs`): the handlers carry pdf.js only because
 * they share modules with extraction, and parse nothing themselves (the worker thread does).
 */
export const SHIMS = {
  none: [] as string[],
  'dom-stubs': [path.join(PROJECT_ROOT, 'functions/shims/dom-stubs.ts')],
  pdfjs: [path.join(PROJECT_ROOT, 'functions/shims/pdfjs-node.ts')],
};
export type Shim = keyof typeof SHIMS;

/**
 * Nothing is left to the runtime: the AWS SDK is bundled at the versions in package-lock.json (the
 * one the tests ran against) rather than whatever SDK the Lambda runtime happens to carry, which
 * does not promise to include `@aws-sdk/s3-presigned-post` or `@aws-sdk/lib-dynamodb`.
 * `@napi-rs/canvas` is only ever probed by pdf.js through a runtime `require`, never imported.
 */
export const EXTERNALS: string[] = [];

/** Prefer packages' ESM builds (pdf-parse, pdfjs-dist, hono ship them): smaller, tree-shakeable. */
export const MAIN_FIELDS = ['module', 'main'];

export interface BundleSpec {
  /** Entry module, absolute or relative to the project root. */
  entry: string;
  /** Output file name inside the bundle directory. */
  outFile: string;
  /** What to inject before the bundle's own code (see SHIMS). */
  shim: Shim;
}

/** Function bundles of the app. `ingest` ships an extra file: the extraction worker thread's script. */
export const FUNCTION_BUNDLES = {
  ingest: {
    main: { entry: 'functions/ingest/handler.ts', outFile: 'index.mjs', shim: 'dom-stubs' },
    extraFiles: [{ entry: 'shared/core/extract/worker.ts', outFile: 'extract-worker.mjs', shim: 'pdfjs' }],
  },
  api: {
    // The API's composition root (shared/runtime/lambda-api.ts) imports no extraction code, so this
    // bundle holds no pdf.js and needs no DOM globals.
    main: { entry: 'functions/api/handler.ts', outFile: 'index.mjs', shim: 'none' },
    extraFiles: [],
  },
  // Reprocessing re-extracts when the extractor changed: the same worker file as ingest.
  reprocess: {
    main: { entry: 'functions/reprocess/handler.ts', outFile: 'index.mjs', shim: 'dom-stubs' },
    extraFiles: [{ entry: 'shared/core/extract/worker.ts', outFile: 'extract-worker.mjs', shim: 'pdfjs' }],
  },
  // Resuming a document after its Textract job extracts it again with the pages Textract read.
  'ocr-resume': {
    main: { entry: 'functions/ocr-resume/handler.ts', outFile: 'index.mjs', shim: 'dom-stubs' },
    extraFiles: [{ entry: 'shared/core/extract/worker.ts', outFile: 'extract-worker.mjs', shim: 'pdfjs' }],
  },
} satisfies Record<string, { main: BundleSpec; extraFiles: BundleSpec[] }>;

export type FunctionName = keyof typeof FUNCTION_BUNDLES;

/** Where Lambda unpacks the code: the extraction worker is found here at run time. */
export const LAMBDA_TASK_ROOT = '/var/task';

export function absoluteEntry(entry: string): string {
  return path.isAbsolute(entry) ? entry : path.join(PROJECT_ROOT, entry);
}

/** Options shared by every file of every bundle, in esbuild JS API form. */
export function esbuildOptions(spec: BundleSpec, outDir: string): BuildOptions {
  return {
    entryPoints: [absoluteEntry(spec.entry)],
    outfile: path.join(outDir, spec.outFile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    minify: true,
    // Error class names (ReadError, InvalidVersionError…) appear in logs and are matched on `name`.
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: MAIN_FIELDS,
    external: EXTERNALS,
    banner: { js: ESM_REQUIRE_BANNER },
    inject: SHIMS[spec.shim],
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'warning',
  };
}

/**
 * The same options as esbuild CLI arguments, for files built in a `NodejsFunction` command hook.
 * Every option set by `esbuildOptions` must be rendered here: test/infra/stack.test.ts checks that
 * the files CDK ships are byte-identical to the JS API build.
 */
export function esbuildCliArgs(spec: BundleSpec, outDir: string): string[] {
  const o = esbuildOptions(spec, outDir);
  const args = [
    (o.entryPoints as string[])[0],
    '--bundle',
    `--outfile=${o.outfile}`,
    `--platform=${o.platform}`,
    `--format=${o.format}`,
    `--target=${o.target}`,
    ...(o.minify ? ['--minify'] : []),
    ...(o.keepNames ? ['--keep-names'] : []),
    ...(o.sourcemap ? ['--sourcemap'] : []),
    ...(o.sourcesContent === false ? ['--sources-content=false'] : []),
    `--main-fields=${(o.mainFields ?? []).join(',')}`,
    ...(o.external ?? []).map((e) => `--external:${e}`),
    `--banner:js=${o.banner?.js ?? ''}`,
    ...(o.inject ?? []).map((i) => `--inject:${i}`),
    `--log-level=${o.logLevel}`,
  ];
  return args;
}

/** POSIX shell quoting for the command hook. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
