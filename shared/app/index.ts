/** The application layer: what the entry points compose. */
export { ingestObject, toStoredTag, type IngestDeps, type IngestInput, type IngestOutcome } from './ingest';
export { handleSqsBatch, type BatchOptions, type ProcessObject } from './sqs-batch';
export { parseUploadMetadata, toObjectMetadata, processFromKey, InvalidMetadataError, UploadMetadataSchema } from './metadata';
export { buildIndexEntries, snippetOf } from './evidence';
export type * from './ports';
export { ObjectNotFoundError, ObjectTooLargeError } from './ports';
export * from './types';
