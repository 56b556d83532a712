/**
 * The query API: an HTTP API whose every route requires IAM (SigV4) authorisation, in front of the
 * Hono app on Lambda. IAM rather than JWT because the callers are the secretariat's tools and
 * analysts' scripts that already hold AWS credentials and sign with SigV4; JWT would need an
 * identity provider (Cognito or other) that this project does not otherwise have.
 */
import {
  Duration,
  RemovalPolicy,
  aws_apigateway as apigw,
  aws_apigatewayv2 as apigwv2,
  aws_apigatewayv2_authorizers as authorizers,
  aws_apigatewayv2_integrations as integrations,
  aws_cloudwatch as cloudwatch,
  aws_iam as iam,
  aws_logs as logs,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { Alerts } from './alerts';
import { AppFunction } from './lambda-function';
import { acknowledgeObjectWildcards } from './nag';

export const API_SIZING = {
  memoryMb: 512,
  timeout: Duration.seconds(15),
  /** Requests per second (steady) and burst for the whole stage: generous for scripts, a lid on runaways. */
  rateLimit: 50,
  burstLimit: 100,
} as const;

export interface ApiProps {
  bucket: s3.IBucket;
  tableArns: string[];
  uploadPrefix: string;
  /** Where paragraph text is read from (the extraction cache). */
  cachePrefix: string;
  environment: Record<string, string>;
  alerts: Alerts;
  entry?: string;
}

export class Api extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly function: AppFunction;
  readonly accessLogs: logs.LogGroup;
  readonly serverErrorAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.function = new AppFunction(this, 'Handler', {
      bundle: 'api',
      entry: props.entry,
      description: 'Query API (Hono) over the document table and the extraction cache; presigns uploads',
      memorySize: API_SIZING.memoryMb,
      timeout: API_SIZING.timeout,
      serviceName: 'gcm-tagger-api',
      logRetention: logs.RetentionDays.ONE_MONTH,
      environment: props.environment,
    });
    const role = this.function.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadDocumentTable',
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        resources: props.tableArns,
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // A presigned POST carries the signer's rights: this is the right it hands to uploaders.
        sid: 'PresignUploads',
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects(`${props.uploadPrefix}*`)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // Paragraph text is served from the extraction cache; the table holds only tags.
        sid: 'ReadExtractionCache',
        actions: ['s3:GetObject'],
        resources: [props.bucket.arnForObjects(`${props.cachePrefix}*`)],
      }),
    );
    acknowledgeObjectWildcards(role, props.bucket, [
      [props.uploadPrefix, 'a presigned upload names a key that does not exist yet, anywhere under the upload prefix'],
      [props.cachePrefix, 'paragraphs are read from the cached extraction of whichever document is asked for, one object per document and extractor version'],
    ]);

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'gcm-tagger query API (IAM-authorised)',
      defaultAuthorizer: new authorizers.HttpIamAuthorizer(),
      defaultIntegration: new integrations.HttpLambdaIntegration('Hono', this.function.fn),
      // The default stage is declared below, with access logs and throttling.
      createDefaultStage: false,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: API_SIZING.rateLimit, burstLimit: API_SIZING.burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            caller: '$context.identity.userArn',
            sourceIp: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    this.serverErrorAlarm = props.alerts.alarmAtOrAbove(this, 'ServerErrorAlarm', {
      description: 'The query API answered 5xx at least 5 times in 5 minutes (see the access logs and the function logs).',
      metric: this.stage.metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 5,
      evaluationPeriods: 1,
    });
  }

  /** The base URL of the API (the `$default` stage serves at the root). */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
