/**
 * Read-only API of reprocessing runs, registered on the query API's Hono app:
 *   GET /runs                 runs, newest first
 *   GET /runs/{id}            one run: status, counts, start/end, scope, target versions
 *   GET /runs/{id}/changes    documents whose elements changed (or, with `state`, all items in that state)
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiError, notFound } from '../api/errors';
import { json, q, ref } from '../api/openapi-parts';
import { parseRequest } from '../api/request';
import type { RunStore } from './ports';
import { RUN_ID_PATTERN } from './start';
import type { ReprocessRun, WorkItem } from './types';

const limit = z.coerce.number().int().min(1).max(100).default(20);
const cursor = z.string().min(1).max(4096).optional();
const RunIdSchema = z.string().regex(RUN_ID_PATTERN, 'must be a run id such as 20261130T031500Z-3f9a1c');
const RunsQuerySchema = z.object({ limit, cursor }).strict();
const ChangesQuerySchema = z
  .object({ state: z.enum(['pending', 'done', 'failed', 'unchanged']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100), cursor })
  .strict();

export function registerRunRoutes(app: Hono, runs: RunStore | undefined): void {
  const store = () => {
    if (!runs) throw new ApiError(503, 'unavailable', 'reprocessing runs are not configured on this server');
    return runs;
  };

  app.get('/runs', async (c) => {
    const q = parseRequest(RunsQuerySchema, c.req.query(), 'query');
    const page = await store().listRuns(q.limit, q.cursor);
    return c.json({ items: page.items.map(presentRun), nextCursor: page.nextCursor });
  });

  app.get('/runs/:id', async (c) => {
    const run = await loadRun(store(), c.req.param('id'));
    return c.json(presentRun(run));
  });

  app.get('/runs/:id/changes', async (c) => {
    const run = await loadRun(store(), c.req.param('id'));
    const q = parseRequest(ChangesQuerySchema, c.req.query(), 'query');
    // Without `state`: the change report (documents that gained, lost or recounted elements).
    const page = await store().listWorkItems(run.runId, { state: q.state, changedOnly: !q.state, limit: q.limit, cursor: q.cursor });
    return c.json({ runId: run.runId, status: run.status, items: page.items.map(presentItem), nextCursor: page.nextCursor });
  });
}

async function loadRun(runs: RunStore, raw: string): Promise<ReprocessRun> {
  const id = parseRequest(RunIdSchema, raw, 'run id');
  const run = await runs.getRun(id);
  if (!run) throw notFound(`run ${id}`);
  return run;
}

function presentRun(r: ReprocessRun) {
  return {
    runId: r.runId,
    scope: r.scope,
    status: r.status,
    targetVersion: r.targetVersion,
    extractorVersion: r.extractorVersion,
    counts: r.counts,
    total: r.total,
    planned: r.planned,
    startedAt: r.startedAt,
    endedAt: r.endedAt ?? null,
  };
}

function presentItem(w: WorkItem) {
  return {
    documentId: w.documentId,
    key: w.key,
    title: w.title,
    state: w.state,
    fromVersion: w.fromVersion,
    toVersion: w.toVersion,
    gained: w.gained,
    lost: w.lost,
    recounted: w.recounted,
    reason: w.reason,
  };
}

const err = (description: string) => json(ref('Error'), description);
const runIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: RUN_ID_PATTERN.source } };

/** OpenAPI paths and schemas of the run routes, merged into the API's description. */
export function runsOpenApi() {
  const errors = { '400': err('Invalid input'), '404': err('No such run'), '503': err('Runs not configured') };
  return {
    paths: {
      '/runs': {
        get: {
          summary: 'Reprocessing runs, newest first',
          parameters: [q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }, 'Page size'), q('cursor', { type: 'string' }, 'Opaque cursor')],
          responses: { '200': json({ type: 'object', properties: { items: { type: 'array', items: ref('Run') }, nextCursor: { type: 'string' } } }), ...errors },
        },
      },
      '/runs/{id}': {
        get: { summary: 'A reprocessing run: status, counts, start and end, scope, target versions', parameters: [runIdParam], responses: { '200': json(ref('Run')), ...errors } },
      },
      '/runs/{id}/changes': {
        get: {
          summary: 'Documents whose elements the run changed (gained, lost, or paragraph counts); with `state`, every document in that state',
          parameters: [
            runIdParam,
            q('state', { type: 'string', enum: ['pending', 'done', 'failed', 'unchanged'] }, 'List every work item in this state instead of the changes'),
            q('limit', { type: 'integer', minimum: 1, maximum: 500, default: 100 }, 'Page size'),
            q('cursor', { type: 'string' }, 'Opaque cursor'),
          ],
          responses: {
            '200': json({ type: 'object', properties: { runId: { type: 'string' }, status: { type: 'string' }, items: { type: 'array', items: ref('RunChange') }, nextCursor: { type: 'string' } } }),
            ...errors,
          },
        },
      },
    },
    schemas: {
      Run: {
        type: 'object',
        properties: {
          runId: { type: 'string' },
          scope: { type: 'string', description: '`all`, `failed`, `outdated` or `prefix:<key prefix>`' },
          status: { type: 'string', enum: ['running', 'done', 'failed'] },
          targetVersion: { type: 'string', description: 'Classifier version documents are brought to' },
          extractorVersion: { type: 'string' },
          counts: { type: 'object', properties: { pending: { type: 'integer' }, done: { type: 'integer' }, failed: { type: 'integer' }, unchanged: { type: 'integer' } } },
          total: { type: 'integer' },
          planned: { type: 'boolean', description: 'Every document in scope has been listed' },
          startedAt: { type: 'string', format: 'date-time' },
          endedAt: { type: ['string', 'null'], format: 'date-time' },
        },
      },
      RunChange: {
        type: 'object',
        properties: {
          documentId: { type: 'string' },
          key: { type: 'string' },
          title: { type: ['string', 'null'] },
          state: { type: 'string', enum: ['pending', 'done', 'failed', 'unchanged'] },
          fromVersion: { type: ['string', 'null'] },
          toVersion: { type: ['string', 'null'] },
          gained: { type: 'array', items: { type: 'string' } },
          lost: { type: 'array', items: { type: 'string' } },
          recounted: { type: 'array', items: { type: 'object', properties: { element: { type: 'string' }, before: { type: 'integer' }, after: { type: 'integer' } } } },
          reason: { type: ['string', 'null'] },
        },
      },
    },
  };
}
