/** Where alarms go: one SNS topic (TLS-only), optionally with an e-mail subscription. */
import { aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as cwActions, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface AlertsProps {
  /** Subscribes this address to the topic (AWS sends a confirmation e-mail on deploy). */
  email?: string;
}

export class Alerts extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertsProps = {}) {
    super(scope, id);
    // Not KMS-encrypted: it carries alarm state changes only, no document data (see infra/README.md).
    this.topic = new sns.Topic(this, 'Topic', { enforceSSL: true, displayName: 'gcm-tagger alarms' });
    if (props.email) {
      new sns.Subscription(this, 'Email', { topic: this.topic, protocol: sns.SubscriptionProtocol.EMAIL, endpoint: props.email });
    }
  }

  /** Sends the alarm's state changes (into and out of ALARM) to the topic. */
  notify(alarm: cloudwatch.Alarm): void {
    const action = new cwActions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
}
