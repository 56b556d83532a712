/**
 * CDK app entry (`npx cdk synth`, `npx cdk deploy`). cdk-nag's AwsSolutions pack validates the app
 * at synth time: any finding that is not acknowledged (with its reason) fails the synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GcmTaggerStack } from './gcm-tagger-stack';

const app = new App();
new GcmTaggerStack(app, 'GcmTagger', {
  description: 'gcm-tagger: tags migration-policy PDFs against the 24 elements of the Global Compact for Migration',
  alarmEmail: app.node.tryGetContext('alarmEmail'),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
