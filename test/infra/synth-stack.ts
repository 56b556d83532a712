/**
 * Synthesises the real stack once per test file (bundling the real handlers with esbuild), into a
 * temporary cloud assembly directory, with the same feature flags and plugins as `cdk synth`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext } from '../../infra/cdk-context';
import { createApp } from '../../infra/create-app';
import type { GcmTaggerStack, GcmTaggerStackProps } from '../../infra/gcm-tagger-stack';

export interface SynthesisedStack {
  app: App;
  stack: GcmTaggerStack;
  template: Template;
  /** Cloud assembly directory (asset directories live here). */
  outdir: string;
}

/**
 * The app exactly as `cdk synth` builds it (cdk-nag plugin included: synthesis throws on an
 * unacknowledged finding). `bundle: false` skips esbuild (assets become placeholders) for tests
 * that look at nothing but the construct tree.
 */
export function synthStack(props: GcmTaggerStackProps = {}, options: { bundle?: boolean } = {}): SynthesisedStack {
  const outdir = mkdtempSync(path.join(tmpdir(), 'gcm-cdk-test-'));
  const context = { ...cdkJsonContext(), ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}) };
  const { app, stack } = createApp({ context, outdir }, props);
  app.synth();
  const template = Template.fromStack(stack);
  return { app, stack, template, outdir };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, any>; [k: string]: unknown }>;

/** The one resource of a type whose logical id starts with a prefix (ids are path-derived, so stable). */
export function resourceByPrefix(template: Template, type: string, prefix: string): { id: string; props: Record<string, any> } {
  const found = Object.entries(template.findResources(type) as Resources).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} with id ${prefix}*, found ${found.map(([id]) => id).join(', ') || 'none'}`);
  const [id, resource] = found[0];
  return { id, props: resource.Properties ?? {} };
}
