/** Run scopes as text (`all`, `prefix:<p>`, `failed`, `outdated`) and which documents they select. */
import { isCurrent } from '../versions';
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

/** Whether a document belongs to a run's scope (failed/outdated also decide which status partitions are read). */
export function inScope(scope: RunScope, doc: DocumentRecord, classifierVersion: string, extractorVersion: string, ocrEngine?: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'prefix':
      return doc.keys.some((k) => k.startsWith(scope.prefix)) || doc.key.startsWith(scope.prefix);
    case 'failed':
      return doc.status === 'failed';
    case 'outdated':
      return !isCurrent(doc, classifierVersion, extractorVersion, ocrEngine);
  }
}
