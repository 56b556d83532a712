/**
 * CDK app entry (`npx cdk synth`, `npx cdk deploy`; see infra/README.md). Context `alarmEmail`
 * subscribes an address to the dead-letter alarm: `npx cdk deploy -c alarmEmail=ops@example.org`;
 * `ocrTimeLimitMinutes` sets how long a document may wait for its Textract job (default 60).
 */
import { createApp } from './create-app';

createApp().app.synth();
