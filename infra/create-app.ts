/**
 * Builds the CDK app: the stack plus cdk-nag's AwsSolutions pack as a policy-validation plugin,
 * so that synthesis fails on any finding that is not acknowledged with its reason.
 */
import { App, Duration, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GcmTaggerStack, type GcmTaggerStackProps } from './gcm-tagger-stack';

export const STACK_NAME = 'GcmTagger';

export function createApp(appProps: AppProps = {}, stackProps: GcmTaggerStackProps = {}): { app: App; stack: GcmTaggerStack } {
  const app = new App(appProps);
  const stack = new GcmTaggerStack(app, STACK_NAME, {
    description: 'gcm-tagger: tags migration-policy PDFs against the 24 elements of the Global Compact for Migration',
    alarmEmail: app.node.tryGetContext('alarmEmail'),
    ocrTimeLimit: minutesFromContext(app, 'ocrTimeLimitMinutes'),
    signInDomainPrefix: app.node.tryGetContext('signInDomainPrefix'),
    ...stackProps,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

/** A positive whole number of minutes from `-c <name>=…`, or undefined when not given. */
function minutesFromContext(app: App, name: string): Duration | undefined {
  const raw: unknown = app.node.tryGetContext(name);
  if (raw === undefined || raw === '') return undefined;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error(`context ${name} must be a positive whole number of minutes, got ${String(raw)}`);
  return Duration.minutes(minutes);
}
