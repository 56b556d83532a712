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

  /**
   * An alarm, created in `scope`, that fires when `metric` is at or above `threshold` for
   * `evaluationPeriods` periods in a row and reports to the topic. Missing data (no traffic, an
   * empty queue) is not a breach.
   */
  alarmAtOrAbove(
    scope: Construct,
    id: string,
    props: { description: string; metric: cloudwatch.IMetric; threshold: number; evaluationPeriods: number },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, {
      alarmDescription: props.description,
      metric: props.metric,
      threshold: props.threshold,
      evaluationPeriods: props.evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.notify(alarm);
    return alarm;
  }

  /** Sends the alarm's state changes (into and out of ALARM) to the topic. */
  notify(alarm: cloudwatch.Alarm): void {
    const action = new cwActions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
}
