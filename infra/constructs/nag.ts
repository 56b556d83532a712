/** Helpers for cdk-nag acknowledgements whose finding ids embed CloudFormation logical ids. */
import { Stack, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Object-level S3 grants end in `/<prefix>*`, which AwsSolutions-IAM5 reports as
 * `Resource::<BucketLogicalId.Arn>/<prefix>*`. Each acknowledgement names the prefix and why keys
 * under it cannot be listed in advance.
 */
export function acknowledgeObjectWildcards(target: IConstruct, bucket: s3.IBucket, prefixes: Array<[prefix: string, why: string]>): void {
  const logicalId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  for (const [prefix, why] of prefixes) {
    Validations.of(target).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}*]`,
      reason: `Object wildcard confined to the "${prefix}" prefix: ${why}.`,
    });
  }
}
