/**
 * Fine-grained assertions on the synthesised template: one test per property the deployment
 * promises (see infra/README.md). The stack is synthesised once, with the real handlers bundled.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { tableDefinition, TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/table';
import { ESM_REQUIRE_BANNER, NODE_TARGET } from '../../infra/bundling/options';
import { buildFunctionBundle } from '../../infra/bundle-sizes';
import { resourceByPrefix, synthStack, type SynthesisedStack } from './synth-stack';

/** Synthesis bundles both functions and the references build them twice more: slow on a busy machine. */
const SLOW_SETUP_MS = 300_000;

let synth: SynthesisedStack;
let template: Template;
/**
 * The same functions built through the shared esbuild options, just before and just after the
 * synth. All three read the working tree; one of the two references always saw the sources CDK
 * bundled, unless files are edited twice within those seconds (other work in the same checkout).
 */
const referenceBuilds: Array<Record<'ingest' | 'api', string>> = [];

async function buildReferences(): Promise<Record<'ingest' | 'api', string>> {
  const dirs = { ingest: mkdtempSync(path.join(tmpdir(), 'gcm-ref-ingest-')), api: mkdtempSync(path.join(tmpdir(), 'gcm-ref-api-')) };
  for (const name of ['ingest', 'api'] as const) await buildFunctionBundle(name, dirs[name]);
  return dirs;
}

beforeAll(async () => {
  referenceBuilds.push(await buildReferences());
  synth = synthStack();
  template = synth.template;
  referenceBuilds.push(await buildReferences());
}, SLOW_SETUP_MS);

afterAll(() => {
  for (const dirs of referenceBuilds) for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  if (synth) rmSync(synth.outdir, { recursive: true, force: true });
});

const bucket = () => resourceByPrefix(template, 'AWS::S3::Bucket', 'StorageUploads');
const logBucket = () => resourceByPrefix(template, 'AWS::S3::Bucket', 'StorageAccessLogs');
const queue = () => resourceByPrefix(template, 'AWS::SQS::Queue', 'IngestQueue');
const dlq = () => resourceByPrefix(template, 'AWS::SQS::Queue', 'IngestDeadLetterQueue');
const ingestFn = () => resourceByPrefix(template, 'AWS::Lambda::Function', 'IngestFunction');
const apiFn = () => resourceByPrefix(template, 'AWS::Lambda::Function', 'ApiHandlerFunction');
const table = () => resourceByPrefix(template, 'AWS::DynamoDB::Table', 'Documents');
/** Cloud assembly directory holding a function's bundled code. */
const assetDir = (fn: { props: Record<string, any> }) => path.join(synth.outdir, `asset.${String(fn.props.Code.S3Key).replace(/\.zip$/, '')}`);
const alertTopic = () => resourceByPrefix(template, 'AWS::SNS::Topic', 'AlertsTopic');
const policyOf = (rolePrefix: string) => resourceByPrefix(template, 'AWS::IAM::Policy', `${rolePrefix}RoleDefaultPolicy`).props;

/** Statements of a policy flattened to `{ actions, resources }` with resources rendered as strings. */
function statements(policy: Record<string, any>): Array<{ actions: string[]; resources: string[]; effect: string }> {
  return (policy.PolicyDocument.Statement as any[]).map((s) => ({
    effect: s.Effect,
    actions: [s.Action].flat(),
    resources: [s.Resource].flat().map(render),
  }));
}

/** Renders CloudFormation intrinsics as readable strings: {Fn::GetAtt:[X,Arn]} → "X.Arn". */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v['Fn::GetAtt']) return `${v['Fn::GetAtt'][0]}.${v['Fn::GetAtt'][1]}`;
  if (v.Ref) return `Ref:${v.Ref}`;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(render).join(v['Fn::Join'][0]);
  return JSON.stringify(value);
}

function tlsOnlyStatement() {
  return Match.objectLike({
    Effect: 'Deny',
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    Principal: { AWS: '*' },
  });
}

describe('upload bucket', () => {
  it('blocks all public access and encrypts at rest', () => {
    expect(bucket().props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket().props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
  });

  it('refuses requests without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket().id },
      PolicyDocument: { Statement: Match.arrayWith([tlsOnlyStatement()]) },
    });
  });

  it('is versioned, expires noncurrent versions and logs access to the log bucket', () => {
    expect(bucket().props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = bucket().props.LifecycleConfiguration.Rules as any[];
    const noncurrent = rules.find((r) => r.NoncurrentVersionExpiration);
    expect(noncurrent?.NoncurrentVersionExpiration.NoncurrentDays).toBeGreaterThan(0);
    expect(noncurrent?.Status).toBe('Enabled');
    expect(bucket().props.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logBucket().id });
  });

  it('keeps the log bucket private, encrypted and TLS-only too', () => {
    expect(logBucket().props.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
    expect(logBucket().props.BucketEncryption).toBeDefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logBucket().id },
      PolicyDocument: { Statement: Match.arrayWith([tlsOnlyStatement()]) },
    });
  });

  it('is retained when the stack is deleted', () => {
    const resources = template.findResources('AWS::S3::Bucket');
    expect(resources[bucket().id].DeletionPolicy).toBe('Retain');
  });

  it('sends ObjectCreated events for .pdf keys under uploads/ to the ingest queue, and nothing else', () => {
    const notifications = resourceByPrefix(template, 'Custom::S3BucketNotifications', 'StorageUploadsNotifications').props;
    expect(notifications.BucketName).toEqual({ Ref: bucket().id });
    const configs = notifications.NotificationConfiguration.QueueConfigurations as any[];
    expect(notifications.NotificationConfiguration.LambdaFunctionConfigurations).toBeUndefined();
    expect(configs.length).toBeGreaterThan(0);
    for (const c of configs) {
      expect(c.Events).toEqual(['s3:ObjectCreated:*']);
      expect(c.QueueArn).toEqual({ 'Fn::GetAtt': [queue().id, 'Arn'] });
      const rules = Object.fromEntries((c.Filter.Key.FilterRules as any[]).map((r) => [r.Name, r.Value]));
      expect(rules.prefix).toBe('uploads/');
      expect(rules.suffix.toLowerCase()).toBe('.pdf');
    }
    expect(configs.map((c) => c.Filter.Key.FilterRules.find((r: any) => r.Name === 'suffix').Value)).toContain('.pdf');
  });
});

describe('ingest queue', () => {
  it('is encrypted and TLS-only, and so is its dead-letter queue', () => {
    expect(queue().props.SqsManagedSseEnabled).toBe(true);
    expect(dlq().props.SqsManagedSseEnabled).toBe(true);
    for (const q of [queue(), dlq()]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: q.id }],
        PolicyDocument: { Statement: Match.arrayWith([tlsOnlyStatement()]) },
      });
    }
  });

  it('moves a message to the dead-letter queue after at least 5 receives', () => {
    const redrive = queue().props.RedrivePolicy;
    expect(redrive.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlq().id, 'Arn'] });
    expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(5);
    // The handler must know the count, to record a failure on the last delivery rather than retry.
    expect(ingestFn().props.Environment.Variables.GCM_MAX_RECEIVE_COUNT).toBe(String(redrive.maxReceiveCount));
  });

  it('hides a message for at least six times the function timeout', () => {
    expect(queue().props.VisibilityTimeout).toBeGreaterThanOrEqual(6 * ingestFn().props.Timeout);
  });

  it('lets only S3 events from the upload bucket in', () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue().id }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: Match.arrayWith(['sqs:SendMessage']),
            Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [bucket().id, 'Arn'] } } },
          }),
        ]),
      },
    });
  });

  it('raises an alarm, sent to the alarm topic, as soon as one message is dead-lettered', () => {
    const alarm = resourceByPrefix(template, 'AWS::CloudWatch::Alarm', 'IngestDeadLetterAlarm').props;
    expect(alarm.Namespace).toBe('AWS/SQS');
    expect(alarm.MetricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(alarm.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq().id, 'QueueName'] } }]);
    expect(alarm.Threshold).toBe(1);
    expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    expect(alarm.AlarmActions).toEqual([{ Ref: alertTopic().id }]);
  });

  it('raises an alarm when the oldest message has waited over an hour (ingestion stalled)', () => {
    const alarm = resourceByPrefix(template, 'AWS::CloudWatch::Alarm', 'IngestBacklogAlarm').props;
    expect(alarm.MetricName).toBe('ApproximateAgeOfOldestMessage');
    expect(alarm.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue().id, 'QueueName'] } }]);
    expect(alarm.Threshold).toBe(3600);
    expect(alarm.AlarmActions).toEqual([{ Ref: alertTopic().id }]);
  });
});

describe('ingest function', () => {
  it('runs Node.js 22 or newer on arm64 with explicit memory and timeout', () => {
    const p = ingestFn().props;
    const major = Number(/^nodejs(\d+)\.x$/.exec(p.Runtime)?.[1]);
    expect(major).toBeGreaterThanOrEqual(22);
    // esbuild targets the same Node.js major as the runtime it ships to.
    expect(NODE_TARGET).toBe(`node${major}`);
    expect(apiFn().props.Runtime).toBe(p.Runtime);
    expect(p.Architectures).toEqual(['arm64']);
    expect(p.MemorySize).toBeGreaterThanOrEqual(1024);
    expect(p.Timeout).toBeGreaterThan(0);
    expect(p.Handler).toBe('index.handler');
  });

  it('consumes the queue with partial batch failures and a concurrency cap', () => {
    const mapping = resourceByPrefix(template, 'AWS::Lambda::EventSourceMapping', 'IngestFunctionSqsEventSource').props;
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [queue().id, 'Arn'] });
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.ScalingConfig.MaximumConcurrency).toBeGreaterThanOrEqual(2);
    expect(mapping.ScalingConfig.MaximumConcurrency).toBeLessThanOrEqual(50);
    // The extraction time limit must leave the function time to record the failure.
    const extractMs = Number(ingestFn().props.Environment.Variables.GCM_EXTRACT_TIMEOUT_MS);
    expect(extractMs * mapping.BatchSize).toBeLessThan(ingestFn().props.Timeout * 1000);
  });

  it('is configured by the environment that shared/config.ts reads', async () => {
    const env = ingestFn().props.Environment.Variables;
    expect(env.GCM_BUCKET).toEqual({ Ref: bucket().id });
    expect(env.GCM_TABLE).toEqual({ Ref: table().id });
    expect(env.GCM_UPLOAD_PREFIX).toBe('uploads/');
    expect(env.GCM_CACHE_PREFIX).toBe('cache/');
    expect(env.GCM_EXTRACT_WORKER_PATH).toBe('/var/task/extract-worker.mjs');
    expect(env.POWERTOOLS_SERVICE_NAME).toBe('gcm-tagger-ingest');
    // The values must pass the same validation the function applies at start-up.
    const { loadConfig } = await import('../../shared/config');
    const resolved = {
      ...env,
      GCM_BUCKET: 'bucket-name',
      GCM_TABLE: 'table-name',
      GCM_TEXTRACT_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:topic',
      GCM_TEXTRACT_ROLE_ARN: 'arn:aws:iam::111122223333:role/publish',
    };
    const config = loadConfig(resolved);
    expect(config.limits.timeoutMs).toBe(Number(env.GCM_EXTRACT_TIMEOUT_MS));
    expect(config.extractWorkerPath).toBe('/var/task/extract-worker.mjs');
    expect(config.ocr).toBe('textract');
  });

  it('ships the extraction worker beside the handler, both built with the ESM require banner', () => {
    const dir = assetDir(ingestFn());
    expect(readdirSync(dir).sort()).toEqual(['extract-worker.mjs', 'extract-worker.mjs.map', 'index.mjs', 'index.mjs.map']);
    for (const file of ['index.mjs', 'extract-worker.mjs']) {
      expect(readFileSync(path.join(dir, file), 'utf8').startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    }
  });
});

describe('table', () => {
  it('is on demand with point-in-time recovery and TTL on expiresAt', () => {
    const p = table().props;
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(TTL_ATTRIBUTE).toBe('expiresAt');
  });

  it('has exactly the keys and indexes of the adapter table definition used locally', () => {
    const p = table().props;
    const local = tableDefinition('t');
    const sortByName = <T extends { AttributeName?: string }>(a: T[]) => [...a].sort((x, y) => String(x.AttributeName).localeCompare(String(y.AttributeName)));
    expect(sortByName(p.AttributeDefinitions)).toEqual(sortByName(local.AttributeDefinitions as any[]));
    expect(p.KeySchema).toEqual(local.KeySchema);
    const indexes = (p.GlobalSecondaryIndexes as any[]).map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection }));
    expect(indexes).toEqual(local.GlobalSecondaryIndexes);
  });

  it('is retained and protected from deletion', () => {
    expect(table().props.DeletionProtectionEnabled).toBe(true);
    expect(template.findResources('AWS::DynamoDB::Table')[table().id].DeletionPolicy).toBe('Retain');
  });
});

describe('HTTP API', () => {
  it('requires IAM (SigV4) authorisation on every route but the web page’s (Cognito JWT under /ui/, none for the shell: test/infra/web-auth.test.ts)', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as any[];
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) {
      const key: string = r.Properties.RouteKey;
      const expected = key.includes(' /ui/') ? 'JWT' : key === 'GET /' || key === 'GET /assets/{file}' ? 'NONE' : 'AWS_IAM';
      expect(r.Properties.AuthorizationType, key).toBe(expected);
    }
  });

  it('logs every request to a log group with retention and throttles the stage', () => {
    const stage = resourceByPrefix(template, 'AWS::ApiGatewayV2::Stage', 'ApiDefaultStage').props;
    expect(stage.StageName).toBe('$default');
    const accessLogs = resourceByPrefix(template, 'AWS::Logs::LogGroup', 'ApiAccessLogs');
    expect(stage.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [accessLogs.id, 'Arn'] });
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', caller: '$context.identity.userArn', status: '$context.status' });
    expect(accessLogs.props.RetentionInDays).toBeGreaterThan(0);
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
  });

  it('raises an alarm on repeated 5xx answers', () => {
    const alarm = resourceByPrefix(template, 'AWS::CloudWatch::Alarm', 'ApiServerErrorAlarm').props;
    expect(alarm.Namespace).toBe('AWS/ApiGateway');
    expect(alarm.MetricName).toBe('5xx');
    expect(alarm.Dimensions).toEqual(
      expect.arrayContaining([{ Name: 'ApiId', Value: { Ref: resourceByPrefix(template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi').id } }]),
    );
    expect(alarm.AlarmActions).toEqual([{ Ref: alertTopic().id }]);
  });

  it('proxies to the API function with the same configuration environment', () => {
    const integration = resourceByPrefix(template, 'AWS::ApiGatewayV2::Integration', 'ApiHttpApi').props;
    expect(integration.IntegrationType).toBe('AWS_PROXY');
    expect(integration.PayloadFormatVersion).toBe('2.0');
    expect(render(integration.IntegrationUri)).toBe(`${apiFn().id}.Arn`);
    const env = apiFn().props.Environment.Variables;
    expect(env.GCM_BUCKET).toEqual({ Ref: bucket().id });
    expect(env.GCM_TABLE).toEqual({ Ref: table().id });
    expect(env.POWERTOOLS_SERVICE_NAME).toBe('gcm-tagger-api');
    expect(apiFn().props.Architectures).toEqual(['arm64']);
  });
});

describe('alerts', () => {
  it('go to a TLS-only topic, which every alarm notifies on entering and leaving ALARM', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: alertTopic().id }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    // Ingest dead letters and backlog, API 5xx, reprocess dead letters, Textract completion dead letters.
    expect(alarms.length).toBe(5);
    for (const a of alarms) {
      expect(a.Properties.AlarmActions).toEqual([{ Ref: alertTopic().id }]);
      expect(a.Properties.OKActions).toEqual([{ Ref: alertTopic().id }]);
    }
  });

  it('subscribe an e-mail address only when one is given', () => {
    const toAlerts = Object.values(template.findResources('AWS::SNS::Subscription')).filter((s: any) => s.Properties.TopicArn.Ref === alertTopic().id);
    expect(toAlerts).toEqual([]);
  });
});

describe('least privilege', () => {
  it('gives the API function table reads, puts of review decisions only, s3:PutObject on uploads/*, and s3:GetObject on uploads/* (PDF links) and cache/* (paragraph text) only', () => {
    const s = statements(policyOf('ApiHandler'));
    const actions = [...new Set(s.flatMap((x) => x.actions))].sort();
    expect(actions).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:GetObject',
      's3:PutObject',
    ]);
    const put = s.find((x) => x.actions.includes('s3:PutObject'))!;
    expect(put.resources).toEqual([`${bucket().id}.Arn/uploads/*`]);
    const gets = s.filter((x) => x.actions.includes('s3:GetObject')).flatMap((x) => x.resources).sort();
    expect(gets).toEqual([`${bucket().id}.Arn/cache/*`, `${bucket().id}.Arn/uploads/*`]);
    // The PutItem condition (REVIEW# partitions only) is asserted in web-auth.test.ts.
    expect(s.find((x) => x.actions.includes('dynamodb:PutItem'))!.resources).toEqual([`${table().id}.Arn`]);
    const read = s.find((x) => x.actions.includes('dynamodb:Query'))!;
    expect(read.resources).toEqual([`${table().id}.Arn`, `${table().id}.Arn/index/gsi1`, `${table().id}.Arn/index/gsi2`]);
  });

  it('lets the ingest function read uploads, read/write the cache and write the table, but never write uploads', () => {
    const s = statements(policyOf('Ingest'));
    const on = (resource: string) => s.filter((x) => x.resources.includes(resource)).flatMap((x) => x.actions).sort();
    expect(on(`${bucket().id}.Arn/uploads/*`)).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    expect(on(`${bucket().id}.Arn/cache/*`)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(on(`${bucket().id}.Arn`)).toEqual(['s3:ListBucket']);
    expect(on(`${table().id}.Arn`)).not.toContain('dynamodb:Scan');
    expect(on(`${table().id}.Arn`)).toContain('dynamodb:BatchWriteItem');
  });

  it('uses no wildcard actions, no "*" resources (but for Textract\'s start action, which has no resource-level permissions) and no managed policies on the app roles', () => {
    for (const prefix of ['Ingest', 'ApiHandler']) {
      for (const s of statements(policyOf(prefix))) {
        for (const a of s.actions) expect(a).not.toMatch(/\*/);
        if (s.resources.includes('*')) expect({ prefix, ...s }).toEqual({ prefix: 'Ingest', effect: 'Allow', actions: ['textract:StartDocumentTextDetection'], resources: ['*'] });
      }
      const role = resourceByPrefix(template, 'AWS::IAM::Role', `${prefix}Role`).props;
      expect(role.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('sets a retention on each function log group and points the function at it', () => {
    for (const [fn, prefix] of [[ingestFn(), 'IngestLogs'], [apiFn(), 'ApiHandlerLogs']] as const) {
      const group = resourceByPrefix(template, 'AWS::Logs::LogGroup', prefix);
      expect(group.props.RetentionInDays).toBeGreaterThan(0);
      expect(fn.props.LoggingConfig.LogGroup).toEqual({ Ref: group.id });
    }
  });
});

it('ships, byte for byte, the bundles that the shared options build (what test/bundle runs)', () => {
  for (const [name, fn] of [['ingest', ingestFn()], ['api', apiFn()]] as const) {
    const shipped = readdirSync(assetDir(fn)).filter((f) => f.endsWith('.mjs')).sort();
    expect(shipped.length).toBeGreaterThan(0);
    for (const ref of referenceBuilds) expect(readdirSync(ref[name]).filter((f) => f.endsWith('.mjs')).sort()).toEqual(shipped);
    for (const file of shipped) {
      const bytes = readFileSync(path.join(assetDir(fn), file));
      const same = referenceBuilds.some((ref) => bytes.equals(readFileSync(path.join(ref[name], file))));
      expect(same, `${name}/${file}`).toBe(true);
    }
  }
});

/**
 * Tripwire for unreviewed template changes. Asset hashes change with every code change, so they
 * are masked; anything else that changes must be looked at and the snapshot updated (`-u`).
 */
it('matches the template snapshot (asset hashes masked)', () => {
  const masked = JSON.stringify(template.toJSON(), null, 2).replace(/[0-9a-f]{64}/g, '<asset-hash>');
  expect(masked).toMatchSnapshot();
});
