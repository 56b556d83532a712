export { DynamoDocumentRepository, type RepositoryOptions } from './document-repository';
export { createDynamoClients, type DynamoClientOptions } from './client';
export { ensureTable, tableDefinition, TTL_ATTRIBUTE } from './table';
export { batchWriteAll, batchGetAll, chunk, BATCH_WRITE_LIMIT, UnprocessedItemsError } from './batch';
export { CursorCodec, InvalidCursorError } from './cursor';
export { keys, gsi, padScore, checkVersion, InvalidVersionError, GSI_RANKING, GSI_LISTS, STORAGE_LAYOUT } from './keys';
export { ensureLayout, readLayout, StorageLayoutError } from './layout';
export { upgradeLayout1, type UpgradeReport } from './upgrade-layout-1';
export { DynamoRunStore, runKeys, DEFAULT_RUN_RETENTION_DAYS, type RunStoreOptions } from './run-store';
