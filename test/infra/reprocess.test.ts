/** The reprocessing fan-out in the synthesised template: queue, throttled consumer, grants, alarm. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { REPROCESS_SIZING } from '../../infra/constructs/reprocess';
import { resourceByPrefix, synthStack } from './synth-stack';

let template: Template;

beforeAll(() => {
  // Only the construct tree matters here: the bundles are tested in stack.test.ts and test/bundle.
  template = synthStack({}, { bundle: false }).template;
}, 120_000);

const queue = () => resourceByPrefix(template, 'AWS::SQS::Queue', 'ReprocessQueue');
const dlq = () => resourceByPrefix(template, 'AWS::SQS::Queue', 'ReprocessDeadLetterQueue');
const fn = () => resourceByPrefix(template, 'AWS::Lambda::Function', 'ReprocessFunction');
const policy = () => resourceByPrefix(template, 'AWS::IAM::Policy', 'ReprocessRoleDefaultPolicy').props;

describe('reprocessing fan-out', () => {
  it('has its own encrypted queue with a dead-letter queue after 5 receives', () => {
    expect(queue().props).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq().id, 'Arn'] }, maxReceiveCount: REPROCESS_SIZING.maxReceiveCount },
      VisibilityTimeout: 6 * REPROCESS_SIZING.functionTimeout.toSeconds(),
    });
  });

  it('consumes it one message at a time with per-message failures, at most 5 invocations at once', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queue().id, 'Arn'] },
      FunctionName: { Ref: fn().id },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('tells the function its own queue, the worker path and the receive count', () => {
    expect(fn().props.Environment.Variables).toMatchObject({
      GCM_REPROCESS_QUEUE_URL: { Ref: queue().id },
      GCM_EXTRACT_WORKER_PATH: '/var/task/extract-worker.mjs',
      GCM_MAX_RECEIVE_COUNT: '5',
      GCM_TABLE: { Ref: expect.stringMatching(/^DocumentsTable/) },
      GCM_BUCKET: { Ref: expect.stringMatching(/^StorageUploads/) },
    });
    expect(fn().props.Timeout).toBe(180);
  });

  it('may send to its own queue only, and has no rights to delete objects or tables', () => {
    const statements = policy().PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>;
    const send = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:Send')));
    expect(send).toHaveLength(1);
    expect(send[0].Resource).toEqual({ 'Fn::GetAtt': [queue().id, 'Arn'] });
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem', 's3:GetObject', 's3:PutObject']));
    expect(actions.some((a) => a === 's3:DeleteObject' || a === 'dynamodb:DeleteTable' || a.endsWith(':*'))).toBe(false);
  });

  it('alarms on a dead-lettered message and reports it to the alarm topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('Reprocessing messages reached the dead-letter queue'),
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq().id, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlertsTopic') }],
    });
  });

  it('outputs the queue URL for `gcm reprocess` on AWS', () => {
    template.hasOutput('ReprocessQueueUrl', { Value: { Ref: queue().id } });
  });
});
