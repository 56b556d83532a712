/**
 * Key schema of the single table (layout 2). Every item has `pk`/`sk`; two sparse GSIs:
 *  - GSI1 (`gsi1pk`, `gsi1sk`), INCLUDE projection of what ranked lists and the coverage matrix show:
 *    `ELEM#<k>` / `THEME#<t>` → `<score 7 digits>#<documentId>` (ranking entries of current versions);
 *    `COVERAGE#<first hex digit of the id>` → `<documentId>` (the document item itself, once it has a
 *    current version; 16 partitions, read in parallel and in id order).
 *  - GSI2 (`gsi2pk`, `gsi2sk`), KEYS_ONLY: `STATUS#<status>` → `<updatedAt>#<documentId>`;
 *    `EXPIRING` → `<expiresAt>#<documentId>#<version>` (superseded version items); `RUNS` → `<startedAt>#<runId>`.
 * Everything of one version lives under `V#<version>` in the document's partition. The README's
 * storage-model table is the user-facing description of the same thing.
 */
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import type { DocumentStatus } from '../../app/types';

export const GSI_RANKING = 'gsi1';
export const GSI_LISTS = 'gsi2';

/** Storage layout written by this code; the table's `LAYOUT` item says which one a table holds. */
export const STORAGE_LAYOUT = 2;

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

/** Score in [0,1] as 7 fixed digits, so the string order of sort keys is the numeric order. */
export function padScore(score: number): string {
  const clamped = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  return String(Math.round(clamped * 1_000_000)).padStart(7, '0');
}

export type IndexTarget = { kind: 'element'; id: ElementId } | { kind: 'theme'; id: ThemeId };

const DOC = 'DOC#';

export const keys = {
  document: (documentId: string) => ({ pk: `${DOC}${documentId}`, sk: 'META' }),
  /** Lookup item: which document an S3 key currently holds. */
  objectKey: (key: string) => ({ pk: `KEY#${key}`, sk: 'KEY' }),
  /** One item per version: element summary and every paragraph's tags (compressed). */
  version: (documentId: string, version: string) => ({ pk: `${DOC}${documentId}`, sk: `V#${checkVersion(version)}` }),
  /** Continuation of a version's tags when they do not fit in one item (rare: thousands of pages). */
  versionPart: (documentId: string, version: string, part: number) => ({
    pk: `${DOC}${documentId}`,
    sk: `V#${checkVersion(version)}#PART#${String(part).padStart(3, '0')}`,
  }),
  versionPartPrefix: (version: string) => `V#${checkVersion(version)}#PART#`,
  /** Ranking entry of a version for an element or a theme (only while the version is current). */
  rankingEntry: (documentId: string, version: string, target: IndexTarget) => ({
    pk: `${DOC}${documentId}`,
    sk: `V#${checkVersion(version)}#R#${targetKey(target)}`,
  }),
  /** Everything stored under versions in a document's partition. */
  versionsPrefix: 'V#',
  run: (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' }),
  layout: { pk: 'LAYOUT', sk: 'LAYOUT' },
};

export function documentIdOf(pk: string): string {
  return pk.startsWith(DOC) ? pk.slice(DOC.length) : pk;
}

/** What kind of item a sort key under a document names, and of which version. */
export function parseDocumentSortKey(sk: string): { kind: 'version' | 'part' | 'ranking' | 'other'; version?: string } {
  const m = /^V#([^#]+)(#(PART|R)#.*)?$/.exec(sk);
  if (!m) return { kind: 'other' };
  if (!m[2]) return { kind: 'version', version: m[1] };
  return { kind: m[3] === 'PART' ? 'part' : 'ranking', version: m[1] };
}

function targetKey(t: IndexTarget): string {
  return t.kind === 'element' ? `E#${t.id}` : `T#${t.id}`;
}

/**
 * Coverage rows are spread over 16 index partitions by the first hex digit of the document id, so the
 * matrix is read with 16 queries at once (and no single index partition takes every switch).
 */
export const COVERAGE_PARTITIONS = [...'0123456789abcdef'].map((d) => `COVERAGE#${d}`);

export function coveragePartition(documentId: string): string {
  const digit = documentId[0]?.toLowerCase() ?? '';
  if (!/^[0-9a-f]$/.test(digit)) throw new Error(`document id ${JSON.stringify(documentId)} is not hex`);
  return `COVERAGE#${digit}`;
}

export const gsi = {
  ranking: (target: IndexTarget, score: number, documentId: string) => ({
    gsi1pk: rankingPartition(target),
    gsi1sk: `${padScore(score)}#${documentId}`,
  }),
  coverage: (documentId: string) => ({ gsi1pk: coveragePartition(documentId), gsi1sk: documentId }),
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
