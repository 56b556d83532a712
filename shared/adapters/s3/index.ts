export { createS3Client, S3RVER_CREDENTIALS, type S3ClientOptions } from './client';
export { S3ObjectStore } from './object-store';
export { S3ExtractionCache, cacheKey } from './extraction-cache';
export { decodeS3EventKey, encodeS3EventKey, objectsFromS3Event, isS3TestEvent, MalformedEventError, type ObjectRef } from './events';
export { S3UploadSigner } from './presign';
export { listObjects, hasObjects } from './list';
