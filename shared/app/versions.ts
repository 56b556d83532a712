/**
 * Which version a document's results are stored under, and whether a document is already there.
 * Shared by ingestion (uploads, redeliveries) and reprocessing runs so that both name versions the
 * same way and agree on what is up to date.
 */
import { shortHash } from '../core/taxonomy/hash';
import type { DocumentRecord } from './types';

/**
 * The version a document is written under. Normally the classifier version. When the extraction
 * changes under a document that already has a version, the name also carries the extractor: the
 * items under one version are then always the product of one classifier and one extraction, so a
 * re-extraction never overwrites, in place, the version the API is serving.
 */
export function versionFor(classifierVersion: string, extractorVersion: string, reextract: boolean): string {
  return reextract ? `${classifierVersion}+x${shortHash(extractorVersion).slice(0, 8)}` : classifierVersion;
}

/**
 * Already where processing with these versions would bring it: same extractor, same OCR engine for
 * a document with scanned pages, and tagged under the classifier (or needs OCR, which no classifier changes).
 */
export function isCurrent(doc: DocumentRecord, classifierVersion: string, extractorVersion: string, ocrEngine?: string): boolean {
  if (doc.extractorVersion !== extractorVersion) return false;
  // Scanned pages read (or left unread) by another OCR engine or setting: read them again.
  if (ocrEngine !== undefined && doc.ocr && doc.ocr.engine !== ocrEngine) return false;
  // A switch whose follow-up writes (ranking entries, expiry) did not finish is redone.
  if (doc.switchPending) return false;
  if (doc.status === 'needs-ocr') return true;
  if (doc.status !== 'tagged') return false;
  return doc.currentVersion === classifierVersion || doc.currentVersion === versionFor(classifierVersion, extractorVersion, true);
}

/** The version to write a document under now: re-extraction only matters when a version is already served. */
export function targetVersion(doc: DocumentRecord, classifierVersion: string, extractorVersion: string): string {
  const reextract = doc.currentVersion !== null && doc.currentVersion !== undefined && doc.extractorVersion !== extractorVersion;
  return versionFor(classifierVersion, extractorVersion, reextract);
}
