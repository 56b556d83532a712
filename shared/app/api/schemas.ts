/** zod schemas of every API input (path, query, body). */
import { z } from 'zod';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../types';
import { IsoDateSchema, UploadMetadataSchema } from '../metadata';

const ELEMENT_IDS = 'abcdefghijklmnopqrstuvwx'.split('') as [string, ...string[]];

/**
 * Numbers in paths and query strings must be plain decimals: Number() would also take '', ' 3', '0x3',
 * '1e0' or 'Infinity', which no client means.
 */
function decimal<T extends z.ZodNumber>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && /^-?\d{1,15}(\.\d{1,15})?$/.test(v) ? Number(v) : v), schema);
}

export const ElementIdSchema = z.enum(ELEMENT_IDS as ['a']);
export const ThemeIdSchema = decimal(z.number().int().min(1).max(6));
export const DocumentIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a 64-character hex SHA-256');

const isoDay = IsoDateSchema;
const limit = decimal(z.number().int().min(1).max(100)).default(20);
const cursor = z.string().min(1).max(4096).optional();

export const RankingQuerySchema = z
  .object({
    minScore: decimal(z.number().min(0).max(1)).optional(),
    theme: ThemeIdSchema.optional(),
    // Same spelling rules as the uploaded metadata it is compared with.
    process: UploadMetadataSchema.shape.process,
    type: z.enum(DOCUMENT_TYPES).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    limit,
    cursor,
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] });

export const DocumentsQuerySchema = z
  .object({ status: z.enum(DOCUMENT_STATUSES as ['received']).optional(), limit, cursor })
  .strict();

export const ParagraphsQuerySchema = z.object({ element: ElementIdSchema.optional() }).strict();

export const CoverageQuerySchema = z
  .object({ format: z.enum(['json', 'csv']).default('json'), by: z.enum(['documents', 'processes']).default('documents') })
  .strict();

export const UploadStatusQuerySchema = z
  .object({
    key: z.string().min(1).max(1024),
    /** `issuedAt` of the upload's presigned POST: an older failure of the same bytes is not this upload's outcome. */
    since: z.string().datetime().optional(),
  })
  .strict();

export const UploadRequestSchema = z
  .object({
    filename: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((f) => f.toLowerCase().endsWith('.pdf'), 'must end in .pdf'),
    contentLength: z.number().int().positive().optional(),
  })
  .extend(UploadMetadataSchema.shape)
  .strict();
