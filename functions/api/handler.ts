/** API Lambda: the Hono query API behind the HTTP API (IAM-authorised on AWS). */
import { handle, type LambdaEvent, type LambdaContext } from 'hono/aws-lambda';
import { createApi } from '../../shared/app/api';
import { lambdaRuntime } from '../../shared/runtime/lambda';

let served: ReturnType<typeof handle> | undefined;

export async function handler(event: LambdaEvent, context?: LambdaContext) {
  served ??= handle(createApi(lambdaRuntime().api));
  return served(event, context);
}
