/**
 * Key schema of the single table. Every item has `pk`/`sk`; two sparse GSIs:
 *  - GSI1 (`gsi1pk`, `gsi1sk`): rankings. `ELEM#<k>` / `THEME#<t>` → `<score 7 digits>#<documentId>`, current version only.
 *  - GSI2 (`gsi2pk`, `gsi2sk`): lists. `STATUS#<status>` → `<updatedAt>#<documentId>`;
 *    `EXPIRING` → `<expiresAt>#<documentId>#<version>` (superseded versions); `RUNS` → `<startedAt>#<runId>`.
 * The README's storage-model table is the user-facing description of the same thing.
 */
import { createHash } from 'node:crypto';
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import type { DocumentStatus } from '../../app/types';

export const GSI_RANKING = 'gsi1';
export const GSI_LISTS = 'gsi2';

const VERSION_PATTERN = /^[A-Za-z0-9._:+-]{1,80}$/;

export class InvalidVersionError extends Error {
  constructor(version: string) {
    super(`version ${JSON.stringify(version)} must match ${VERSION_PATTERN}`);
    this.name = 'InvalidVersionError';
  }
}

/** Versions become part of sort keys, so they must not contain the `#` separator. */
export function checkVersion(version: string): string {
  if (!VERSION_PATTERN.test(version)) throw new InvalidVersionError(version);
  return version;
}

export function padIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 99_999) throw new RangeError(`paragraph index ${index} out of range`);
  return String(index).padStart(5, '0');
}

/** Score in [0,1] as 7 fixed digits, so the string order of sort keys is the numeric order. */
export function padScore(score: number): string {
  const clamped = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  return String(Math.round(clamped * 1_000_000)).padStart(7, '0');
}

export const keys = {
  document: (documentId: string) => ({ pk: `DOC#${documentId}`, sk: 'META' }),
  /**
   * Alias item under the document: one per S3 key the same bytes were uploaded as (the item keeps the
   * full key in `key`). S3 keys go up to 1,024 bytes but a sort key may not, so the few keys that would
   * overflow it are replaced by their SHA-256.
   */
  alias: (documentId: string, key: string) => ({ pk: `DOC#${documentId}`, sk: aliasSortKey(key) }),
  /** Lookup item: which document an S3 key currently holds. */
  objectKey: (key: string) => ({ pk: `KEY#${key}`, sk: 'KEY' }),
  paragraph: (documentId: string, version: string, index: number) => ({
    pk: `DOC#${documentId}`,
    sk: `V#${checkVersion(version)}#P#${padIndex(index)}`,
  }),
  tag: (documentId: string, version: string, element: ElementId, index: number) => ({
    pk: `DOC#${documentId}`,
    sk: `V#${checkVersion(version)}#T#${element}#${padIndex(index)}`,
  }),
  /** The per-element summary of one version (kept with it, so a run can compare old and new). */
  versionSummary: (documentId: string, version: string) => ({ pk: `DOC#${documentId}`, sk: `V#${checkVersion(version)}#SUMMARY` }),
  versionPrefix: (version: string) => `V#${checkVersion(version)}#`,
  paragraphPrefix: (version: string) => `V#${checkVersion(version)}#P#`,
  tagPrefix: (version: string, element: ElementId) => `V#${checkVersion(version)}#T#${element}#`,
  /** Marker of a superseded version, listed under GSI2 `EXPIRING` until purged. */
  versionMarker: (documentId: string, version: string) => ({ pk: `DOC#${documentId}`, sk: `VER#${checkVersion(version)}` }),
  indexEntry: (documentId: string, target: IndexTarget) => ({ pk: `DOC#${documentId}`, sk: `IDX#${targetKey(target)}` }),
  run: (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' }),
};

/** DynamoDB's limit on a sort key value, in UTF-8 bytes. */
export const MAX_SORT_KEY_BYTES = 1024;

function aliasSortKey(key: string): string {
  const plain = `KEY#${key}`;
  if (Buffer.byteLength(plain, 'utf8') <= MAX_SORT_KEY_BYTES) return plain;
  return `KEY#sha256:${createHash('sha256').update(key).digest('hex')}`;
}

export type IndexTarget = { kind: 'element'; id: ElementId } | { kind: 'theme'; id: ThemeId };

function targetKey(t: IndexTarget): string {
  return t.kind === 'element' ? `E#${t.id}` : `T#${t.id}`;
}

export const gsi = {
  ranking: (target: IndexTarget, score: number, documentId: string) => ({
    gsi1pk: rankingPartition(target),
    gsi1sk: `${padScore(score)}#${documentId}`,
  }),
  status: (status: DocumentStatus, updatedAt: string, documentId: string) => ({
    gsi2pk: `STATUS#${status}`,
    gsi2sk: `${updatedAt}#${documentId}`,
  }),
  expiring: (expiresAtIso: string, documentId: string, version: string) => ({
    gsi2pk: 'EXPIRING',
    gsi2sk: `${expiresAtIso}#${documentId}#${version}`,
  }),
  run: (startedAt: string, runId: string) => ({ gsi2pk: 'RUNS', gsi2sk: `${startedAt}#${runId}` }),
};

export function rankingPartition(target: IndexTarget): string {
  return target.kind === 'element' ? `ELEM#${target.id}` : `THEME#${target.id}`;
}

/** Lowest sort key for a minimum score (inclusive), and the highest possible one. */
export function rankingRange(minScore = 0): { from: string; to: string } {
  return { from: `${padScore(minScore)}#`, to: '9999999#~' };
}
