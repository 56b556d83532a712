/**
 * Amazon Textract in the synthesised template, one property per test: the completion topic and the
 * role Textract publishes with, the queue and its dead-letter queue, the resume function and its
 * event source, the time-limit schedule, and IAM statements scoped to exactly what each needs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Duration } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { OCR_RESUME_SIZING } from '../../infra/constructs/textract-ocr';
import { createApp } from '../../infra/create-app';
import { cdkJsonContext } from '../../infra/cdk-context';
import { TIME_LIMIT_EVENT } from '../../shared/app/ocr/time-limit';
import { resourceByPrefix, synthStack } from './synth-stack';

let template: Template;

beforeAll(() => {
  // The construct tree is what these properties are about; the bundles are tested elsewhere.
  template = synthStack({}, { bundle: false }).template;
}, 120_000);

const topic = () => resourceByPrefix(template, 'AWS::SNS::Topic', 'TextractCompletionTopic');
const publishRole = () => resourceByPrefix(template, 'AWS::IAM::Role', 'TextractPublishRole');
const queue = () => resourceByPrefix(template, 'AWS::SQS::Queue', 'TextractQueue');
const dlq = () => resourceByPrefix(template, 'AWS::SQS::Queue', 'TextractDeadLetterQueue');
const resumeFn = () => resourceByPrefix(template, 'AWS::Lambda::Function', 'TextractResumeFunction');
const schedule = () => resourceByPrefix(template, 'AWS::Events::Rule', 'TextractTimeLimitSchedule');
const policyOf = (prefix: string) => resourceByPrefix(template, 'AWS::IAM::Policy', `${prefix}DefaultPolicy`).props;

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}
const statementsOf = (prefix: string) => policyOf(prefix).PolicyDocument.Statement as Statement[];
const actionsOf = (prefix: string) => statementsOf(prefix).flatMap((s) => [s.Action].flat());
const getAtt = (id: string, attr = 'Arn') => ({ 'Fn::GetAtt': [id, attr] });
/** Every action any policy of the template allows. */
const allActions = () => Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => (p.Properties.PolicyDocument.Statement as Statement[]).flatMap((s) => [s.Action].flat()));

describe('Textract completion topic', () => {
  it('refuses publishers without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic().id }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('delivers raw messages to the completion queue, its only subscriber', () => {
    const subs = Object.values(template.findResources('AWS::SNS::Subscription')).filter((s: any) => s.Properties.TopicArn.Ref === topic().id);
    expect(subs.map((s: any) => s.Properties)).toEqual([{ Protocol: 'sqs', Endpoint: getAtt(queue().id), RawMessageDelivery: true, TopicArn: { Ref: topic().id } }]);
  });
});

describe('the role Textract publishes with', () => {
  it('can be assumed by Textract only, on behalf of this account only', () => {
    expect(publishRole().props.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'textract.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':textract:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] } },
        },
      },
    ]);
    expect(publishRole().props.ManagedPolicyArns).toBeUndefined();
  });

  it('may publish to the completion topic and do nothing else', () => {
    expect(statementsOf('TextractPublishRole')).toEqual([{ Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: topic().id } }]);
  });
});

describe('completion queue', () => {
  it('is encrypted, moves a message to its encrypted dead-letter queue after 5 receives, and outlasts six function timeouts', () => {
    expect(queue().props).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: getAtt(dlq().id), maxReceiveCount: OCR_RESUME_SIZING.maxReceiveCount },
      VisibilityTimeout: 6 * OCR_RESUME_SIZING.functionTimeout.toSeconds(),
    });
    expect(dlq().props).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
  });

  it('accepts messages from the completion topic only, and nothing without TLS (nor does its dead-letter queue)', () => {
    const statements = Object.values(template.findResources('AWS::SQS::QueuePolicy')).find((p: any) => p.Properties.Queues[0].Ref === queue().id)!.Properties.PolicyDocument.Statement;
    const allows = statements.filter((s: Statement) => s.Effect === 'Allow');
    expect(allows).toEqual([
      { Action: 'sqs:SendMessage', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Resource: getAtt(queue().id), Condition: { ArnEquals: { 'aws:SourceArn': { Ref: topic().id } } } },
    ]);
    for (const q of [queue(), dlq()]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: q.id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it('alarms on a dead-lettered completion and reports it to the alarm topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('Textract completions reached the dead-letter queue'),
      Dimensions: [{ Name: 'QueueName', Value: getAtt(dlq().id, 'QueueName') }],
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlertsTopic') }],
    });
  });

  it('outputs the dead-letter queue for a redrive', () => {
    template.hasOutput('OcrDeadLetterQueueArn', { Value: getAtt(dlq().id) });
  });
});

describe('resume function', () => {
  it('consumes the completion queue one message at a time with per-message failures, at most 5 at once', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter((m: any) => m.Properties.FunctionName.Ref === resumeFn().id);
    expect(mappings.map((m: any) => m.Properties)).toEqual([
      { EventSourceArn: getAtt(queue().id), FunctionName: { Ref: resumeFn().id }, BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 5 } },
    ]);
  });

  it('runs the resume handler with the extraction worker, Textract configured and the 60-minute time limit', () => {
    expect(resumeFn().props.Environment.Variables).toMatchObject({
      GCM_OCR: 'textract',
      GCM_TEXTRACT_TOPIC_ARN: { Ref: topic().id },
      GCM_TEXTRACT_ROLE_ARN: getAtt(publishRole().id),
      GCM_OCR_TIME_LIMIT_MINUTES: '60',
      GCM_EXTRACT_WORKER_PATH: '/var/task/extract-worker.mjs',
      GCM_MAX_RECEIVE_COUNT: '5',
      GCM_TABLE: { Ref: expect.stringMatching(/^DocumentsTable/) },
    });
    expect(resumeFn().props).toMatchObject({ Timeout: 180, MemorySize: 2048, Handler: 'index.handler' });
  });

  it('is invoked every 15 minutes with the time-limit event, by that schedule only', () => {
    expect(schedule().props).toMatchObject({
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Targets: [{ Arn: getAtt(resumeFn().id), Input: JSON.stringify(TIME_LIMIT_EVENT), RetryPolicy: { MaximumRetryAttempts: 2 } }],
    });
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter((p: any) => JSON.stringify(p.Properties.FunctionName).includes(resumeFn().id));
    expect(permissions.map((p: any) => p.Properties)).toEqual([
      { Action: 'lambda:InvokeFunction', FunctionName: getAtt(resumeFn().id), Principal: 'events.amazonaws.com', SourceArn: getAtt(schedule().id) },
    ]);
  });

  it('may read Textract results but not start jobs or pass roles, and reads objects under uploads/ only', () => {
    const statements = statementsOf('TextractResumeRole');
    const textract = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('textract:')));
    expect(textract).toEqual([{ Sid: 'ReadTextDetectionResults', Action: 'textract:GetDocumentTextDetection', Effect: 'Allow', Resource: '*' }]);
    expect(actionsOf('TextractResumeRole')).not.toContain('iam:PassRole');
    const reads = statements.filter((s) => [s.Action].flat().includes('s3:GetObject'));
    expect(reads.map((s) => JSON.stringify(s.Resource))).toEqual([expect.stringContaining('"/uploads/*"'), expect.stringContaining('"/cache/*"')]);
    expect(actionsOf('TextractResumeRole').some((a) => a.endsWith(':*') || a === 's3:DeleteObject' || a.startsWith('sns:'))).toBe(false);
  });
});

describe('functions that start Textract jobs', () => {
  for (const [name, role] of [['ingest', 'IngestRole'], ['reprocess', 'ReprocessRole']] as const) {
    it(`${name}: may start text detection and pass the publish role to Textract only, nothing else of Textract`, () => {
      const statements = statementsOf(role);
      const textract = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('textract:') || a.startsWith('iam:')));
      expect(textract).toEqual([
        { Sid: 'StartTextDetection', Action: 'textract:StartDocumentTextDetection', Effect: 'Allow', Resource: '*' },
        {
          Sid: 'LetTextractPublishCompletions',
          Action: 'iam:PassRole',
          Effect: 'Allow',
          Resource: getAtt(publishRole().id),
          Condition: { StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' } },
        },
      ]);
      // Textract reads the object with this role's rights: objects under uploads/ (and the cache), never the whole bucket.
      const reads = statements.filter((s) => [s.Action].flat().includes('s3:GetObject'));
      expect(reads.map((s) => JSON.stringify(s.Resource))).toEqual([expect.stringContaining('"/uploads/*"'), expect.stringContaining('"/cache/*"')]);
    });

    it(`${name}: is told to defer scans to Textract, with the topic, the role and the time limit`, () => {
      const fn = resourceByPrefix(template, 'AWS::Lambda::Function', `${name === 'ingest' ? 'Ingest' : 'Reprocess'}Function`);
      expect(fn.props.Environment.Variables).toMatchObject({
        GCM_OCR: 'textract',
        GCM_TEXTRACT_TOPIC_ARN: { Ref: topic().id },
        GCM_TEXTRACT_ROLE_ARN: getAtt(publishRole().id),
        GCM_OCR_TIME_LIMIT_MINUTES: '60',
      });
    });
  }

  it('leaves the query API without Textract, role passing or its configuration', () => {
    expect(actionsOf('ApiHandlerRole').some((a) => a.startsWith('textract:') || a === 'iam:PassRole')).toBe(false);
    const api = resourceByPrefix(template, 'AWS::Lambda::Function', 'ApiHandlerFunction');
    expect(Object.keys(api.props.Environment.Variables).filter((k) => /OCR|TEXTRACT/.test(k))).toEqual([]);
  });

  it('grants no Textract action but these two, and no wildcard action, anywhere in the stack', () => {
    const textract = [...new Set(allActions().filter((a) => a.startsWith('textract:')))].sort();
    expect(textract).toEqual(['textract:GetDocumentTextDetection', 'textract:StartDocumentTextDetection']);
    expect(allActions().filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });
});

describe('the time limit', () => {
  it('follows the stack setting (context ocrTimeLimitMinutes), checked four times per limit, every minute to every 15 minutes', () => {
    const at = (minutes: number) => synthStack({ ocrTimeLimit: Duration.minutes(minutes) }, { bundle: false }).template;
    const short = at(20);
    expect(resourceByPrefix(short, 'AWS::Events::Rule', 'TextractTimeLimitSchedule').props.ScheduleExpression).toBe('rate(5 minutes)');
    expect(resourceByPrefix(short, 'AWS::Lambda::Function', 'TextractResumeFunction').props.Environment.Variables.GCM_OCR_TIME_LIMIT_MINUTES).toBe('20');
    expect(resourceByPrefix(short, 'AWS::Lambda::Function', 'IngestFunction').props.Environment.Variables.GCM_OCR_TIME_LIMIT_MINUTES).toBe('20');
    expect(resourceByPrefix(at(3), 'AWS::Events::Rule', 'TextractTimeLimitSchedule').props.ScheduleExpression).toBe('rate(1 minute)');
    // `npx cdk deploy -c ocrTimeLimitMinutes=90`
    const { stack } = createApp({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ocrTimeLimitMinutes: '90' } });
    expect(stack.textract.environment.GCM_OCR_TIME_LIMIT_MINUTES).toBe('90');
  }, 120_000);

  it('refuses a context value that is not a positive whole number of minutes', () => {
    for (const bad of ['0', '-1', '1.5', 'an hour']) {
      const context = { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ocrTimeLimitMinutes: bad };
      expect(() => createApp({ context }), bad).toThrow(/ocrTimeLimitMinutes must be a positive whole number of minutes/);
    }
  });
});
