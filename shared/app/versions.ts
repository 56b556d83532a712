/**
 * Which version a document's results are stored under, and whether a document is already there.
 * Shared by ingestion (uploads, redeliveries) and reprocessing runs so that both name versions the
 * same way and agree on what is up to date.
 */
import { shortHash } from '../core/taxonomy/hash';
import type { DocumentRecord } from './types';

/**
 * The version a document is written under. Normally the classifier version. When the extraction
 * changes under a document that already has a version, the name also carries the extractor (and,
 * for a document with scanned pages, the OCR engine that read them): the items under one version
 * are then always the product of one classifier and one extraction, so a re-extraction never
 * overwrites, in place, the version the API is serving.
 */
export function versionFor(classifierVersion: string, extractorVersion: string, reextract: boolean, ocrEngine?: string): string {
  if (!reextract) return classifierVersion;
  const source = ocrEngine && ocrEngine !== 'off' ? `${extractorVersion}|${ocrEngine}` : extractorVersion;
  return `${classifierVersion}+x${shortHash(source).slice(0, 8)}`;
}

/**
 * Already where processing with these versions would bring it: same extractor, same OCR engine for
 * a document with scanned pages, and tagged under the classifier (or needs OCR, which no classifier changes).
 */
export function isCurrent(doc: DocumentRecord, classifierVersion: string, extractorVersion: string, ocrEngine?: string): boolean {
  if (doc.extractorVersion !== extractorVersion) return false;
  // Scanned pages read (or left unread) by another OCR engine or setting: read them again.
  if (ocrEngineChanged(doc, ocrEngine)) return false;
  // A switch whose follow-up writes (ranking entries, expiry) did not finish is redone.
  if (doc.switchPending) return false;
  if (doc.status === 'needs-ocr') return true;
  if (doc.status !== 'tagged') return false;
  return (
    doc.currentVersion === classifierVersion ||
    doc.currentVersion === versionFor(classifierVersion, extractorVersion, true) ||
    doc.currentVersion === versionFor(classifierVersion, extractorVersion, true, ocrEngine)
  );
}

/** The version to write a document under now: re-extraction only matters when a version is already served. */
export function targetVersion(doc: DocumentRecord, classifierVersion: string, extractorVersion: string, ocrEngine?: string): string {
  const served = doc.currentVersion !== null && doc.currentVersion !== undefined;
  const reextract = served && (doc.extractorVersion !== extractorVersion || ocrEngineChanged(doc, ocrEngine));
  return versionFor(classifierVersion, extractorVersion, reextract, doc.ocr ? ocrEngine : undefined);
}

function ocrEngineChanged(doc: DocumentRecord, ocrEngine: string | undefined): boolean {
  return ocrEngine !== undefined && doc.ocr !== undefined && doc.ocr.engine !== ocrEngine;
}
