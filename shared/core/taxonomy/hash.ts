import { createHash } from 'node:crypto';

/** Short content hash used as a version: stable across runs, changes whenever the data does. */
export function shortHash(...parts: unknown[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(JSON.stringify(p)).update('\u0000');
  return h.digest('hex').slice(0, 12);
}
