/**
 * Renders the shared bundle description (./options) into `NodejsFunction` bundling options.
 * The main file is built by CDK's own esbuild call; extra files (the extraction worker) are built
 * by an `afterBundling` hook that runs the same esbuild binary with the same options.
 */
import path from 'node:path';
import { aws_lambda_nodejs as nodejs } from 'aws-cdk-lib';
import {
  ESM_REQUIRE_BANNER,
  EXTERNALS,
  MAIN_FIELDS,
  NODE_TARGET,
  SHIMS,
  PROJECT_ROOT,
  esbuildCliArgs,
  shellQuote,
  type BundleSpec,
} from './options';

const ESBUILD_BIN = path.join(PROJECT_ROOT, 'node_modules/.bin/esbuild');

export function nodejsBundling(main: BundleSpec, extraFiles: BundleSpec[]): nodejs.BundlingOptions {
  if (main.outFile !== 'index.mjs') {
    // NodejsFunction always names its ESM output index.mjs; the handler string depends on it.
    throw new Error(`main bundle file must be index.mjs, got ${main.outFile}`);
  }
  return {
    // No Docker on the build machines: esbuild from node_modules does the work.
    forceDockerBundling: false,
    format: nodejs.OutputFormat.ESM,
    target: NODE_TARGET,
    minify: true,
    keepNames: true,
    sourceMap: true,
    sourceMapMode: nodejs.SourceMapMode.DEFAULT,
    sourcesContent: false,
    mainFields: MAIN_FIELDS,
    externalModules: EXTERNALS,
    banner: ESM_REQUIRE_BANNER,
    inject: SHIMS[main.shim],
    logLevel: nodejs.LogLevel.WARNING,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir: string, outputDir: string) =>
        extraFiles.map((spec) => [ESBUILD_BIN, ...esbuildCliArgs(spec, outputDir)].map(shellQuote).join(' ')),
    },
  };
}
