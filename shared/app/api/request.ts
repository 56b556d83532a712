/** Request validation shared by every Hono route of the API (documents, elements, uploads, runs). */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors';

/**
 * Validates a path parameter, query or body against its schema. A failure becomes a 400
 * `invalid-request` naming each offending field (or `what` itself for a bare value such as an id).
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const res = schema.safeParse(value);
  if (!res.success) {
    const details = res.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ApiError(400, 'invalid-request', `invalid ${what}: ${details.map((d) => `${d.path || what} ${d.message}`).join('; ')}`, details);
  }
  return res.data;
}

/** The JSON body of a request, validated against its schema; a body that is not JSON is a 400 too. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid-request', 'body must be JSON');
  }
  return parseRequest(schema, body, 'body');
}
