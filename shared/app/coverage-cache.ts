/**
 * The coverage matrix's rows, kept between requests and checked with one small read. The rows are
 * one per document with a current version (thousands); the check is the repository's coverage
 * stamp, the newest change to any row. Rows are served again while the stamp is unchanged, for at
 * most `maxAgeMs`; rows read soon after their newest change (`settleMs`, while the indexes they
 * come from may still be catching up with it) are not kept, so the next request reads them again.
 * Review decisions are not part of what is kept: they are applied to the rows at every request.
 */
import type { CoverageRow, DocumentRepository } from './ports';

export interface CoverageCacheOptions {
  /** Longest time rows are served without being read again (0: never kept). Default 30 s. */
  maxAgeMs?: number;
  /** Rows whose newest change is younger than this are not kept. Default 5 s. */
  settleMs?: number;
  now?: () => number;
}

export const DEFAULT_COVERAGE_MAX_AGE_MS = 30_000;
export const DEFAULT_COVERAGE_SETTLE_MS = 5_000;

export class CoverageCache {
  private kept: { stamp: string; rows: CoverageRow[]; readAt: number } | undefined;
  private readonly maxAgeMs: number;
  private readonly settleMs: number;
  private readonly now: () => number;
  /** How the last request was answered (for the benchmark and tests). */
  lastRead: 'kept' | 'read' = 'read';

  constructor(
    private readonly repo: Pick<DocumentRepository, 'listCoverage' | 'coverageStamp'>,
    opts: CoverageCacheOptions = {},
  ) {
    this.maxAgeMs = opts.maxAgeMs ?? DEFAULT_COVERAGE_MAX_AGE_MS;
    this.settleMs = opts.settleMs ?? DEFAULT_COVERAGE_SETTLE_MS;
    this.now = opts.now ?? Date.now;
  }

  async rows(): Promise<CoverageRow[]> {
    if (this.maxAgeMs <= 0) {
      this.lastRead = 'read';
      return this.repo.listCoverage();
    }
    // The stamp is read before the rows: rows read after it are at least as new as it says.
    const { stamp, changedAt } = await this.repo.coverageStamp();
    const at = this.now();
    const kept = this.kept;
    if (kept && kept.stamp === stamp && at - kept.readAt < this.maxAgeMs) {
      this.lastRead = 'kept';
      return kept.rows;
    }
    const rows = await this.repo.listCoverage();
    const settled = changedAt === null || at - Date.parse(changedAt) >= this.settleMs;
    this.kept = settled ? { stamp, rows, readAt: at } : undefined;
    this.lastRead = 'read';
    return rows;
  }
}
