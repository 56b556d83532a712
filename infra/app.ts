/**
 * CDK app entry (`npx cdk synth`, `npx cdk deploy`; see infra/README.md). Context `alarmEmail`
 * subscribes an address to the dead-letter alarm: `npx cdk deploy -c alarmEmail=ops@example.org`.
 */
import { createApp } from './create-app';

createApp().app.synth();
