export { DynamoDocumentRepository, type RepositoryOptions } from './document-repository';
export { createDynamoClients, type DynamoClientOptions } from './client';
export { ensureTable, tableDefinition, TTL_ATTRIBUTE } from './table';
export { batchWriteAll, batchGetAll, chunk, BATCH_WRITE_LIMIT, UnprocessedItemsError } from './batch';
export { CursorCodec, InvalidCursorError } from './cursor';
export { keys, gsi, padScore, padIndex, checkVersion, InvalidVersionError, GSI_RANKING, GSI_LISTS } from './keys';
export { DynamoRunStore, runKeys, type RunStoreOptions } from './run-store';
