/** Acknowledgements for resources that CDK adds on its own, found by their fixed construct ids. */
import { Validations, type Stack } from 'aws-cdk-lib';

/** Singleton that applies S3 bucket notification configurations during deployment. */
const BUCKET_NOTIFICATIONS_HANDLER = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

export function acknowledgeCdkInternals(stack: Stack): void {
  const handler = stack.node.tryFindChild(BUCKET_NOTIFICATIONS_HANDLER);
  if (!handler) return;
  Validations.of(handler).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'CDK-owned deployment-time handler that writes the bucket notification configuration; its role is not configurable, and the managed policy only lets it write its own CloudWatch logs.',
  });
}
