/** API Lambda: the Hono query API behind the HTTP API (IAM-authorised on AWS). */
import { handle, type LambdaEvent, type LambdaContext } from 'hono/aws-lambda';
import { createApi } from '../../shared/app/api';
import { apiRuntime } from '../../shared/runtime/lambda-api';

let served: ReturnType<typeof handle> | undefined;

export async function handler(event: LambdaEvent, context?: LambdaContext) {
  served ??= handle(createApi(apiRuntime()));
  return served(event, context);
}
