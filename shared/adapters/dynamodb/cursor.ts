/**
 * Opaque pagination cursors: the DynamoDB LastEvaluatedKey plus the query it belongs to,
 * base64url-encoded and HMAC-signed, so a tampered cursor or one from another query is rejected.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export class InvalidCursorError extends Error {
  constructor(message = 'invalid cursor') {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

interface CursorBody {
  /** Scope: a string naming the query (partition, filters), so cursors cannot be replayed elsewhere. */
  q: string;
  /** Position: whatever the caller needs to resume (usually an ExclusiveStartKey). */
  p: unknown;
}

export class CursorCodec {
  constructor(private readonly secret: string) {
    if (!secret) throw new Error('cursor secret must not be empty');
  }

  encode(scope: string, position: unknown): string {
    const body = Buffer.from(JSON.stringify({ q: scope, p: position } satisfies CursorBody)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode(token: string, scope: string): unknown {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 4096) throw new InvalidCursorError();
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidCursorError();
    let parsed: CursorBody;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidCursorError();
    }
    if (parsed?.q !== scope) throw new InvalidCursorError('cursor belongs to another query');
    return parsed.p;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 32);
  }
}

/** Checks that a decoded position is a key made of exactly the expected string attributes. */
export function asStartKey(position: unknown, attributes: readonly string[]): Record<string, string> {
  if (!position || typeof position !== 'object' || Array.isArray(position)) throw new InvalidCursorError();
  const entries = Object.entries(position as Record<string, unknown>);
  if (entries.length !== attributes.length) throw new InvalidCursorError();
  for (const [name, value] of entries) {
    if (!attributes.includes(name) || typeof value !== 'string') throw new InvalidCursorError();
  }
  return position as Record<string, string>;
}
