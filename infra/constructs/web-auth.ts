/**
 * Sign-in for the web page: a Cognito user pool (accounts created by administrators only, MFA
 * required, Plus tier threat protection), its hosted UI on a Cognito domain, a public app client
 * for the page (authorisation code with PKCE, no secret), and the `reviewers` group.
 *
 * Only reviewers may write review decisions, and API Gateway checks that itself: a pre-token-
 * generation trigger adds the scope `gcm-tagger/reviews.write` to the access tokens of members of
 * `reviewers`, and the write route requires that scope. The function checks the group claim again.
 */
import { Aws, Duration, RemovalPolicy, aws_cognito as cognito, aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LAMBDA_RUNTIME } from './lambda-function';

export const REVIEWERS_GROUP = 'reviewers';
export const REVIEW_WRITE_SCOPE = 'gcm-tagger/reviews.write';
/** Scopes the page asks for at sign-in. */
export const WEB_SCOPES = ['openid', 'email', 'profile'];

/**
 * The trigger's code (Node.js, inline: a few lines with no dependencies). Event version 2 lets it
 * add scopes to the access token; `groupConfiguration.groupsToOverride` lists the user's groups.
 */
export const TOKEN_SCOPES_HANDLER = `
exports.handler = async (event) => {
  const groups = (event.request && event.request.groupConfiguration && event.request.groupConfiguration.groupsToOverride) || [];
  if (groups.includes(${JSON.stringify(REVIEWERS_GROUP)})) {
    event.response = event.response || {};
    event.response.claimsAndScopeOverrideDetails = {
      accessTokenGeneration: { scopesToAdd: [${JSON.stringify(REVIEW_WRITE_SCOPE)}] },
    };
  }
  return event;
};
`;

export interface WebAuthProps {
  /** Prefix of the hosted UI's domain, `<prefix>.auth.<region>.amazoncognito.com` (unique per region). */
  domainPrefix: string;
  /** The page's address (the API's base URL): where the hosted UI sends users back after sign-in and sign-out. */
  pageUrl: string;
}

export class WebAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly reviewers: cognito.UserPoolGroup;
  readonly tokenScopes: lambda.Function;

  constructor(scope: Construct, id: string, props: WebAuthProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'Users', {
      // Staff accounts are created by an administrator (aws cognito-idp admin-create-user), never by sign-up.
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: false },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.reviewers = new cognito.UserPoolGroup(this, 'Reviewers', {
      userPool: this.userPool,
      groupName: REVIEWERS_GROUP,
      description: 'May confirm, reject and add tags on the web page',
    });

    const logGroup = new logs.LogGroup(this, 'TokenScopesLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN });
    const role = new iam.Role(this, 'TokenScopesRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'gcm-tagger token scopes trigger: writes its own logs, nothing else',
    });
    logGroup.grantWrite(role);
    this.tokenScopes = new lambda.Function(this, 'TokenScopes', {
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(TOKEN_SCOPES_HANDLER),
      description: `Adds ${REVIEW_WRITE_SCOPE} to the access tokens of the ${REVIEWERS_GROUP} group`,
      memorySize: 128,
      timeout: Duration.seconds(5),
      role,
      logGroup,
    });
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.tokenScopes, cognito.LambdaVersion.V2_0);

    this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    this.client = this.userPool.addClient('WebPage', {
      // A browser page keeps no secret: authorisation code with PKCE.
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [props.pageUrl],
        logoutUrls: [props.pageUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
    });
  }

  /** `https://<prefix>.auth.<region>.amazoncognito.com`. */
  get domainUrl(): string {
    return `https://${this.domain.domainName}.auth.${Aws.REGION}.amazoncognito.com`;
  }
}
