export { createApi, uploadKey, type ApiDeps } from './app';
export { buildOpenApi } from './openapi';
export { ApiError } from './errors';
