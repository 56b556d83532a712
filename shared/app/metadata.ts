/**
 * Upload metadata: consultation process, document type and meeting date. Given as S3 user metadata
 * (`x-amz-meta-process`, `x-amz-meta-type`, `x-amz-meta-meeting-date`) or, for the process, by the key
 * convention `uploads/<process>/<file>.pdf`. Object metadata wins over the key.
 */
import { z } from 'zod';
import { DOCUMENT_TYPES, type UploadMetadata } from './types';

export const META_PROCESS = 'process';
export const META_TYPE = 'type';
export const META_MEETING_DATE = 'meeting-date';

export class InvalidMetadataError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid upload metadata: ${problems.join('; ')}`);
    this.name = 'InvalidMetadataError';
  }
}

/** A real calendar day written YYYY-MM-DD (2023-02-30 is refused). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'is not a calendar date');

export const UploadMetadataSchema = z.object({
  process: z
    .string()
    .trim()
    .min(1)
    .max(80)
    // Starts with a letter or digit: names such as "../x" or "' OR 1=1" are not process names.
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}\p{Pd} .,'’()&/]*$/u, 'has unexpected characters')
    .optional(),
  type: z.enum(DOCUMENT_TYPES).optional(),
  meetingDate: IsoDateSchema.optional(),
});

/** S3 metadata is ASCII; clients may percent-encode non-ASCII values, so decode when it looks encoded. */
function decodeValue(v: string | undefined): string | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  if (!/%[0-9A-Fa-f]{2}/.test(v)) return v.trim();
  try {
    return decodeURIComponent(v).trim();
  } catch {
    return v.trim();
  }
}

/** The process folder of `uploads/<process>/<file>.pdf`, with `-`/`_` read as spaces. */
export function processFromKey(key: string, uploadPrefix: string): string | undefined {
  if (!key.startsWith(uploadPrefix)) return undefined;
  const parts = key.slice(uploadPrefix.length).split('/');
  if (parts.length < 2 || !parts[0]) return undefined;
  return parts[0].replace(/[-_]+/g, ' ').trim() || undefined;
}

/**
 * The key's process folder when it is a valid process name. A folder name is a convention, not a
 * statement by the uploader: one that is too long or oddly spelled is ignored rather than failing the document.
 */
function usableProcessFromKey(key: string, uploadPrefix: string): string | undefined {
  const folder = processFromKey(key, uploadPrefix);
  return folder !== undefined && UploadMetadataSchema.shape.process.safeParse(folder).success ? folder : undefined;
}

export function parseUploadMetadata(
  objectMetadata: Record<string, string>,
  key: string,
  uploadPrefix: string,
): UploadMetadata {
  const raw = {
    process: decodeValue(objectMetadata[META_PROCESS]) ?? usableProcessFromKey(key, uploadPrefix),
    type: decodeValue(objectMetadata[META_TYPE])?.toLowerCase(),
    meetingDate: decodeValue(objectMetadata[META_MEETING_DATE] ?? objectMetadata['meetingdate']),
  };
  const parsed = UploadMetadataSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidMetadataError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as UploadMetadata;
}

/** The S3 user-metadata map for an upload (used by the CLI and the presigned POST). */
export function toObjectMetadata(meta: UploadMetadata): Record<string, string> {
  const out: Record<string, string> = {};
  if (meta.process) out[META_PROCESS] = encodeURIComponent(meta.process);
  if (meta.type) out[META_TYPE] = meta.type;
  if (meta.meetingDate) out[META_MEETING_DATE] = meta.meetingDate;
  return out;
}
