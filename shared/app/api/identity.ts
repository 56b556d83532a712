/**
 * Who is calling, as far as the API needs to know: a stable id and display name for review
 * decisions, and the groups that grant rights. How a caller is recognised depends on the runtime:
 * `npm start` trusts its own machine (optionally behind a bearer token), AWS trusts what API Gateway
 * verified before invoking the function (a Cognito JWT or a SigV4 signature).
 */
import type { Context } from 'hono';

export const REVIEWERS_GROUP = 'reviewers';

export interface Identity {
  id: string;
  name: string;
  groups: string[];
  /** How the caller was recognised. */
  via: 'local' | 'cognito' | 'iam';
}

/** Recognises the caller of a request; undefined when the request carries no identity. */
export type IdentifyRequest = (c: Context) => Identity | undefined;

export function isReviewer(identity: Identity | undefined): boolean {
  return Boolean(identity?.groups.includes(REVIEWERS_GROUP));
}

/** The local runtime: whoever runs `npm start` (and, with GCM_API_TOKEN, holds the token) reviews. */
export function localIdentity(user: string): IdentifyRequest {
  const identity: Identity = { id: `local:${user}`, name: user, groups: [REVIEWERS_GROUP], via: 'local' };
  return () => identity;
}

interface HttpApiAuthorizer {
  jwt?: { claims?: Record<string, unknown>; scopes?: unknown };
  iam?: { userArn?: string; userId?: string; cognitoIdentity?: unknown };
}

/**
 * On Lambda behind the HTTP API: the claims of the JWT the authoriser verified (Cognito access
 * token: `username`, `sub`, `cognito:groups`), or the IAM principal of a SigV4-signed request (no
 * groups: scripts and the CLI read, they do not review).
 */
export const httpApiIdentity: IdentifyRequest = (c) => {
  const env = c.env as { requestContext?: { authorizer?: HttpApiAuthorizer } } | undefined;
  const authorizer = env?.requestContext?.authorizer;
  const claims = authorizer?.jwt?.claims;
  if (claims) {
    const username = String(claims.username ?? claims['cognito:username'] ?? claims.sub ?? '');
    if (!username) return undefined;
    return { id: username, name: String(claims.email ?? username), groups: groupsClaim(claims['cognito:groups']), via: 'cognito' };
  }
  const iam = authorizer?.iam;
  if (iam?.userArn) return { id: iam.userArn, name: iam.userArn.split('/').pop() || iam.userArn, groups: [], via: 'iam' };
  return undefined;
};

/**
 * `cognito:groups` as API Gateway hands it over: an array, a JSON array string, or (HTTP API's way
 * of flattening arrays into strings) `[reviewers admins]`.
 */
export function groupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.trim() === '') return [];
  const s = value.trim();
  if (s.startsWith('[') && s.endsWith(']')) {
    try {
      const parsed = JSON.parse(s);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: the space-separated form
    }
    return s.slice(1, -1).split(/[\s,]+/).filter(Boolean);
  }
  return s.split(/[\s,]+/).filter(Boolean);
}
