/**
 * cdk-nag AwsSolutions on the synthesised app: no finding may be left unacknowledged, and every
 * acknowledgement must still be needed (it matches a real finding) and say why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { cdkJsonContext } from '../../infra/cdk-context';
import { createApp } from '../../infra/create-app';
import { synthStack, type SynthesisedStack } from './synth-stack';

let synth: SynthesisedStack;

beforeAll(() => {
  // The tree is all cdk-nag reads: no need to bundle the functions.
  synth = synthStack({}, { bundle: false });
}, 120_000);

afterAll(() => {
  if (synth) rmSync(synth.outdir, { recursive: true, force: true });
});

interface Finding {
  rule: string;
  path: string;
}

function findings(scope: IConstruct, ignoreAcknowledgements: boolean): Finding[] {
  const pack = new AwsSolutionsChecks();
  // Reporting what was acknowledged too tells which acknowledgements are still needed.
  if (ignoreAcknowledgements) Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
  const report = pack.validateScope(scope);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath ?? "" })));
}

interface Acknowledgement {
  rule: string;
  path: string;
  reason: string;
}

function acknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .map(([id, reason]) => ({ rule: id.replace(/^annotation::/i, ''), path: c.node.path, reason })),
  );
}

describe('cdk-nag AwsSolutionsChecks', () => {
  it('reports zero unacknowledged findings', () => {
    expect(findings(synth.app, false)).toEqual([]);
  });

  it('would report findings without the acknowledgements (the check is live)', () => {
    expect(findings(synth.app, true).length).toBeGreaterThan(0);
  });

  it('has no acknowledgement that matches no finding', () => {
    const raw = findings(synth.app, true);
    const acks = acknowledgements(synth.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      const used = raw.some((f) => f.rule === ack.rule && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)));
      expect(used, `${ack.rule} on ${ack.path} is not needed`).toBe(true);
    }
  });

  it('acknowledges findings one by one, each with its own specific reason', () => {
    const acks = acknowledgements(synth.app);
    for (const ack of acks) {
      // Specific: a full rule id (with the finding for rules that report several), and a real sentence.
      expect(ack.rule).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.length, ack.rule).toBeGreaterThan(60);
    }
    const reasons = acks.map((a) => a.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it('runs during synthesis of the app, which fails on a new unacknowledged finding', () => {
    // Bundling is skipped ('aws:cdk:bundling-stacks': []): only the construct tree matters here.
    const context = { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] };
    const outdir = mkdtempSync(path.join(tmpdir(), 'gcm-nag-'));
    try {
      const { app, stack } = createApp({ context, outdir });
      // An unencrypted queue without a dead-letter queue: AwsSolutions-SQS2/SQS3/SQS4.
      new Queue(stack, 'NonCompliantQueue', { encryption: QueueEncryption.UNENCRYPTED });
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
