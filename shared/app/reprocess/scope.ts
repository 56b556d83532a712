/** Run scopes as text (`all`, `prefix:<p>`, `failed`, `outdated`) and which documents they select. */
import { shortHash } from '../../core/taxonomy/hash';
import type { DocumentRecord } from '../types';
import type { RunScope } from './types';

export class InvalidScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidScopeError';
  }
}

export function formatScope(scope: RunScope): string {
  return scope.kind === 'prefix' ? `prefix:${scope.prefix}` : scope.kind;
}

export function parseScope(text: string): RunScope {
  if (text === 'all' || text === 'failed' || text === 'outdated') return { kind: text };
  if (text.startsWith('prefix:') && text.length > 'prefix:'.length) return { kind: 'prefix', prefix: text.slice('prefix:'.length) };
  throw new InvalidScopeError(`unknown scope ${JSON.stringify(text)}: want all, failed, outdated or prefix:<key prefix>`);
}

/**
 * The version a document is written under. Normally the classifier version (what ingestion uses).
 * When the extraction changes too, the version also names the extractor: the items under a version
 * are then always the product of one classifier and one extraction, so a re-extraction can never
 * overwrite, in place, the version the API is serving.
 */
export function versionFor(classifierVersion: string, extractorVersion: string, reextract: boolean): string {
  return reextract ? `${classifierVersion}+x${shortHash(extractorVersion).slice(0, 8)}` : classifierVersion;
}

/** Already where the run would bring it: same extractor, and tagged under the classifier (or needs OCR, which no classifier changes). */
export function isCurrent(doc: DocumentRecord, classifierVersion: string, extractorVersion: string): boolean {
  if (doc.extractorVersion !== extractorVersion) return false;
  // A switch whose follow-up writes (ranking entries, expiry) did not finish is redone.
  if (doc.switchPending) return false;
  if (doc.status === 'needs-ocr') return true;
  if (doc.status !== 'tagged') return false;
  return doc.currentVersion === classifierVersion || doc.currentVersion === versionFor(classifierVersion, extractorVersion, true);
}

/** Whether a document belongs to a run's scope (failed/outdated also decide which status partitions are read). */
export function inScope(scope: RunScope, doc: DocumentRecord, classifierVersion: string, extractorVersion: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'prefix':
      return doc.keys.some((k) => k.startsWith(scope.prefix)) || doc.key.startsWith(scope.prefix);
    case 'failed':
      return doc.status === 'failed';
    case 'outdated':
      return !isCurrent(doc, classifierVersion, extractorVersion);
  }
}
