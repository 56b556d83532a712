/**
 * The query API and the web page: one HTTP API in front of the Hono app on Lambda, with two kinds
 * of callers and an authoriser for each.
 *  - Scripts and the CLI sign with SigV4: every path except the page's (`$default`) is IAM-authorised.
 *  - The page's views and its API under `/ui/` need a Cognito access token (JWT authoriser);
 *    `POST /ui/api/reviews` also needs the scope only reviewers' tokens carry (see web-auth.ts).
 *  - `GET /` and `GET /assets/{file}` are the page shell and its script and style sheet: no data,
 *    and they must load before anyone can sign in (the hosted UI returns to `/`).
 */
import {
  Duration,
  RemovalPolicy,
  Validations,
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
import { REVIEW_WRITE_SCOPE, WEB_SCOPES, WebAuth } from './web-auth';

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
  /** Prefix of the Cognito hosted UI domain (unique per region). */
  signInDomainPrefix: string;
}

export class Api extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly function: AppFunction;
  readonly accessLogs: logs.LogGroup;
  readonly serverErrorAlarm: cloudwatch.Alarm;
  readonly webAuth: WebAuth;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.function = new AppFunction(this, 'Handler', {
      bundle: 'api',
      entry: props.entry,
      description: 'Query API (Hono) and web page over the document table and the extraction cache; presigns uploads and PDF links',
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
        // Review decisions only: the API may put items in REVIEW# partitions and nowhere else.
        sid: 'WriteReviewDecisions',
        actions: ['dynamodb:PutItem'],
        resources: [props.tableArns[0]],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REVIEW#*'] } },
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // A presigned GET carries the signer's rights: the page's "open the PDF" link.
        sid: 'PresignPdfLinks',
        actions: ['s3:GetObject'],
        resources: [props.bucket.arnForObjects(`${props.uploadPrefix}*`)],
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
      [props.uploadPrefix, 'a presigned upload names a key that does not exist yet, anywhere under the upload prefix, and a presigned PDF link any uploaded key'],
      [props.cachePrefix, 'paragraphs are read from the cached extraction of whichever document is asked for, one object per document and extractor version'],
    ]);

    const hono = new integrations.HttpLambdaIntegration('Hono', this.function.fn);
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'gcm-tagger query API (IAM-authorised) and web page (Cognito)',
      defaultAuthorizer: new authorizers.HttpIamAuthorizer(),
      defaultIntegration: hono,
      // The default stage is declared below, with access logs and throttling.
      createDefaultStage: false,
    });

    this.webAuth = new WebAuth(this, 'WebAuth', { domainPrefix: props.signInDomainPrefix, pageUrl: `${this.httpApi.apiEndpoint}/` });
    this.function.fn.addEnvironment('GCM_COGNITO_DOMAIN', this.webAuth.domainUrl);
    this.function.fn.addEnvironment('GCM_COGNITO_CLIENT_ID', this.webAuth.client.userPoolClientId);
    this.function.fn.addEnvironment('GCM_COGNITO_SCOPES', WEB_SCOPES.join(' '));

    const cognitoJwt = new authorizers.HttpUserPoolAuthorizer('Cognito', this.webAuth.userPool, {
      userPoolClients: [this.webAuth.client],
      identitySource: ['$request.header.Authorization'],
    });
    this.httpApi.addRoutes({ path: '/ui/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration: hono, authorizer: cognitoJwt });
    this.httpApi.addRoutes({
      path: '/ui/api/reviews',
      methods: [apigwv2.HttpMethod.POST],
      integration: hono,
      authorizer: cognitoJwt,
      authorizationScopes: [REVIEW_WRITE_SCOPE],
    });
    for (const path of ['/', '/assets/{file}']) {
      const [route] = this.httpApi.addRoutes({ path, methods: [apigwv2.HttpMethod.GET], integration: hono, authorizer: new apigwv2.HttpNoneAuthorizer() });
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `GET ${path} serves the web page's shell (or its script, style sheet and icon): static text with no data, which must load before anyone can sign in; every data route needs SigV4 or a Cognito token.`,
      });
    }

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
            user: '$context.authorizer.claims.username',
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
