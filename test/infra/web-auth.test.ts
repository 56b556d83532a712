/**
 * Sign-in and authorisation of the web page on the synthesised template: the Cognito user pool and
 * its client, the JWT authoriser, which routes it guards, the reviewer-only write route and the
 * trigger that makes it reviewer-only, and the API's narrow write right for review decisions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { REVIEW_WRITE_SCOPE, REVIEWERS_GROUP, TOKEN_SCOPES_HANDLER } from '../../infra/constructs/web-auth';
import { resourceByPrefix, synthStack, type SynthesisedStack } from './synth-stack';

let synth: SynthesisedStack;
let template: Template;

beforeAll(() => {
  synth = synthStack({ signInDomainPrefix: 'gcm-tagger-test' }, { bundle: false });
  template = synth.template;
}, 120_000);

afterAll(() => {
  if (synth) rmSync(synth.outdir, { recursive: true, force: true });
});

type Resources = Record<string, { Properties: Record<string, any> }>;
const routes = () => Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Resources).map((r) => r.Properties);
const route = (key: string) => {
  const found = routes().filter((r) => r.RouteKey === key);
  expect(found, key).toHaveLength(1);
  return found[0];
};
const userPool = () => resourceByPrefix(template, 'AWS::Cognito::UserPool', 'ApiWebAuthUsers');
const client = () => resourceByPrefix(template, 'AWS::Cognito::UserPoolClient', 'ApiWebAuthUsersWebPage');
const authorizer = () => resourceByPrefix(template, 'AWS::ApiGatewayV2::Authorizer', 'ApiHttpApiCognito');

describe('Cognito user pool', () => {
  it('takes no sign-ups, requires MFA and a strong password, and runs on the Plus tier with threat protection', () => {
    const p = userPool().props;
    expect(p.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(p.MfaConfiguration).toBe('ON');
    expect(p.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(p.Policies.PasswordPolicy).toMatchObject({ MinimumLength: 12, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true });
    expect(p.UserPoolTier).toBe('PLUS');
    expect(p.UserPoolAddOns.AdvancedSecurityMode).toBe('ENFORCED');
    expect(p.DeletionProtection).toBe('ACTIVE');
  });

  it('has the reviewers group and a hosted UI domain', () => {
    const group = resourceByPrefix(template, 'AWS::Cognito::UserPoolGroup', 'ApiWebAuthReviewers').props;
    expect(group.GroupName).toBe(REVIEWERS_GROUP);
    expect(group.UserPoolId).toEqual({ Ref: userPool().id });
    const domain = resourceByPrefix(template, 'AWS::Cognito::UserPoolDomain', 'ApiWebAuthUsersHostedUi').props;
    expect(domain.Domain).toBe('gcm-tagger-test');
  });

  it('has a public page client: authorisation code only, no secret, returning to the API address', () => {
    const c = client().props;
    expect(c.GenerateSecret).toBe(false);
    expect(c.AllowedOAuthFlows).toEqual(['code']);
    expect(c.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(c.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    expect(c.SupportedIdentityProviders).toEqual(['COGNITO']);
    const httpApi = resourceByPrefix(template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi').id;
    const pageUrl = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [httpApi, 'ApiEndpoint'] }, '/']] };
    expect(c.CallbackURLs).toEqual([pageUrl]);
    expect(c.LogoutURLs).toEqual([pageUrl]);
    expect(c.ExplicitAuthFlows ?? []).not.toContain('ALLOW_USER_PASSWORD_AUTH');
  });

  it('adds the review-write scope to access tokens through a version 2 pre-token-generation trigger', () => {
    const config = userPool().props.LambdaConfig.PreTokenGenerationConfig;
    expect(config.LambdaVersion).toBe('V2_0');
    const fn = resourceByPrefix(template, 'AWS::Lambda::Function', 'ApiWebAuthTokenScopes').id;
    expect(config.LambdaArn).toEqual({ 'Fn::GetAtt': [fn, 'Arn'] });
  });
});

describe('the token-scopes trigger', () => {
  let handler: (event: any) => Promise<any>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gcm-trigger-'));
    const file = path.join(dir, 'index.cjs');
    writeFileSync(file, TOKEN_SCOPES_HANDLER);
    handler = (await import(pathToFileURL(file).href)).handler;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const event = (groups: string[]) => ({
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    request: { userAttributes: {}, groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] }, scopes: ['openid'] },
    response: { claimsAndScopeOverrideDetails: null },
  });

  it('gives reviewers the scope', async () => {
    const out = await handler(event(['staff', REVIEWERS_GROUP]));
    expect(out.response.claimsAndScopeOverrideDetails.accessTokenGeneration.scopesToAdd).toEqual([REVIEW_WRITE_SCOPE]);
  });

  it('gives nobody else anything', async () => {
    for (const groups of [[], ['staff'], ['Reviewers'], ['reviewers-old']]) {
      expect((await handler(event(groups))).response.claimsAndScopeOverrideDetails, groups.join()).toBeNull();
    }
  });
});

describe('authorisation of the HTTP API', () => {
  it('verifies Cognito JWTs of the page client from the Authorization header', () => {
    const a = authorizer().props;
    expect(a.AuthorizerType).toBe('JWT');
    expect(a.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(a.JwtConfiguration.Audience).toEqual([{ Ref: client().id }]);
    expect(JSON.stringify(a.JwtConfiguration.Issuer)).toContain('cognito-idp');
    expect(JSON.stringify(a.JwtConfiguration.Issuer)).toContain(userPool().id);
  });

  it('lets only reviewers write review decisions: the write route needs the scope their tokens alone carry', () => {
    const write = route('POST /ui/api/reviews');
    expect(write.AuthorizationType).toBe('JWT');
    expect(write.AuthorizerId).toEqual({ Ref: authorizer().id });
    expect(write.AuthorizationScopes).toEqual([REVIEW_WRITE_SCOPE]);
  });

  it('guards the page views and the page API with the JWT authoriser, and everything else with IAM', () => {
    const ui = route('ANY /ui/{proxy+}');
    expect(ui.AuthorizationType).toBe('JWT');
    expect(ui.AuthorizerId).toEqual({ Ref: authorizer().id });
    expect(ui.AuthorizationScopes).toBeUndefined();
    expect(route('$default').AuthorizationType).toBe('AWS_IAM');
  });

  it('leaves only the page shell and its static files open, and nothing else', () => {
    const open = routes().filter((r) => (r.AuthorizationType ?? 'NONE') === 'NONE').map((r) => r.RouteKey).sort();
    expect(open).toEqual(['GET /', 'GET /assets/{file}']);
    expect(routes().length).toBe(5);
  });

  it('lets the API function put items only in review partitions, and read the PDFs it links to', () => {
    const policy = resourceByPrefix(template, 'AWS::IAM::Policy', 'ApiHandlerRoleDefaultPolicy').props;
    const statements = policy.PolicyDocument.Statement as any[];
    const write = statements.find((s) => s.Sid === 'WriteReviewDecisions');
    expect(write.Action).toBe('dynamodb:PutItem');
    expect(write.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REVIEW#*'] } });
    const writes = statements.filter((s) => [s.Action].flat().some((a: string) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)));
    expect(writes).toEqual([write]);
    expect(statements.find((s) => s.Sid === 'PresignPdfLinks').Action).toBe('s3:GetObject');
  });

  it('tells the function where to sign in, and allows the page to POST uploads to the bucket from its origin only', () => {
    const fn = resourceByPrefix(template, 'AWS::Lambda::Function', 'ApiHandlerFunction').props;
    expect(Object.keys(fn.Environment.Variables)).toEqual(expect.arrayContaining(['GCM_COGNITO_DOMAIN', 'GCM_COGNITO_CLIENT_ID', 'GCM_COGNITO_SCOPES']));
    expect(fn.Environment.Variables.GCM_COGNITO_CLIENT_ID).toEqual({ Ref: client().id });
    const bucket = resourceByPrefix(template, 'AWS::S3::Bucket', 'StorageUploads').props;
    const httpApi = resourceByPrefix(template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi').id;
    expect(bucket.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: [{ 'Fn::GetAtt': [httpApi, 'ApiEndpoint'] }] }),
    ]);
  });
});
