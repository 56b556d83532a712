/**
 * A Node.js Lambda function as every function of this app is built: arm64 on the current Node.js
 * runtime, bundled from the shared bundle description, its own log group with a retention period,
 * and its own role that starts with nothing but the right to write to that log group (no
 * AWSLambdaBasicExecutionRole, whose log rights cover every log group of the account).
 */
import { Duration, RemovalPolicy, aws_iam as iam, aws_lambda as lambda, aws_lambda_nodejs as nodejs, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { FUNCTION_BUNDLES, PROJECT_ROOT, absoluteEntry, type FunctionName } from '../bundling/options';
import { nodejsBundling } from '../bundling/nodejs-bundling';

/** Lambda runtime; keep in step with `NODE_TARGET` in ../bundling/options. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface AppFunctionProps {
  bundle: FunctionName;
  /** Overrides the bundle's entry file (tests build placeholder handlers). */
  entry?: string;
  /** Overrides the entry of extra files, by output file name (tests). */
  extraEntries?: Record<string, string>;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  /** Powertools service name, also the metric dimension `service`. */
  serviceName: string;
  logRetention: logs.RetentionDays;
}

export class AppFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const bundle = FUNCTION_BUNDLES[props.bundle];

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Kept after a stack deletion for investigation; retention still expires them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.serviceName}: writes its own logs; data grants are added by the stack`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      entry: absoluteEntry(props.entry ?? bundle.main.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}/package-lock.json`,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      bundling: nodejsBundling(
        bundle.main,
        bundle.extraFiles.map((f) => ({ ...f, entry: props.extraEntries?.[f.outFile] ?? f.entry })),
      ),
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: 'GcmTagger',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Minified bundles ship linked source maps: stack traces point at the TypeScript sources.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
  }
}
