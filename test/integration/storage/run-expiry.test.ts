/**
 * Runs and their work items expire: each finished item and each ended run carries `expiresAt`
 * (the TTL attribute) `retentionMs` after it finished, so the change report of a run stays readable
 * for that long; a running run and its pending items never expire. Where there is no TTL
 * (dynalite), purgeExpiredRuns deletes what has expired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoRunStore, runKeys } from '../../../shared/adapters/dynamodb/run-store';
import type { ReprocessRun, WorkItem } from '../../../shared/app/reprocess/types';
import { startLocalServices, type LocalServices } from '../../helpers/local-services';

let svc: LocalServices;
let runs: DynamoRunStore;
let clock = new Date('2026-03-01T00:00:00Z');
const RETENTION_MS = 30 * 86_400_000;

beforeAll(async () => {
  svc = await startLocalServices();
  runs = new DynamoRunStore({ client: svc.dynamo.doc, table: svc.table, cursorSecret: 's', retentionMs: RETENTION_MS, now: () => clock });
});
afterAll(() => svc?.stop());

const sha = (n: number) => n.toString(16).padStart(64, '0');

function run(runId: string): ReprocessRun {
  return { runId, scope: 'all', targetVersion: 'clf-2', extractorVersion: 'x1', status: 'running', counts: { pending: 0, done: 0, failed: 0, unchanged: 0 }, total: 0, planned: true, startedAt: clock.toISOString() };
}

function item(runId: string, n: number): WorkItem {
  return {
    runId,
    documentId: sha(n),
    key: `uploads/${n}.pdf`,
    title: null,
    state: 'pending',
    fromVersion: 'clf-1',
    fromExtractorVersion: 'x1',
    fromElements: [{ element: 'k', theme: 3, addresses: true, paragraphCount: 2, score: 0.8 }],
    toVersion: null,
    reason: null,
    gained: [],
    lost: [],
    recounted: [],
    changed: false,
    updatedAt: clock.toISOString(),
  };
}

async function expiresAt(key: { pk: string; sk: string }): Promise<unknown> {
  return (await svc.dynamo.doc.send(new GetCommand({ TableName: svc.table, Key: key, ConsistentRead: true }))).Item?.expiresAt;
}

describe('run retention', () => {
  it('gives finished work items and ended runs an expiry, and none to what is still running', async () => {
    await runs.createRun(run('r-old'));
    await runs.addWorkItems([item('r-old', 1), item('r-old', 2)]);
    await runs.createRun(run('r-running'));
    await runs.addWorkItems([item('r-running', 3)]);
    const finishedAt = clock;
    await runs.completeWorkItem('r-old', sha(1), { state: 'done', toVersion: 'clf-2', reason: null, gained: ['c'], lost: [], recounted: [] });
    clock = new Date(clock.getTime() + 3_600_000);
    await runs.completeWorkItem('r-old', sha(2), { state: 'unchanged', toVersion: 'clf-1', reason: null, gained: [], lost: [], recounted: [] });
    expect(await runs.finishRun('r-old', 'done')).toBe(true);

    expect(await expiresAt(runKeys.workItem('r-old', sha(1)))).toBe(Math.floor((finishedAt.getTime() + RETENTION_MS) / 1000));
    expect(await expiresAt(runKeys.workItem('r-old', sha(2)))).toBe(Math.floor((clock.getTime() + RETENTION_MS) / 1000));
    expect(await expiresAt(runKeys.run('r-old'))).toBe(Math.floor((clock.getTime() + RETENTION_MS) / 1000));
    expect(await expiresAt(runKeys.run('r-running'))).toBeUndefined();
    expect(await expiresAt(runKeys.workItem('r-running', sha(3)))).toBeUndefined();
    // The expiry is storage's business: the run as read has no such field.
    expect(await runs.getRun('r-old')).not.toHaveProperty('expiresAt');
  });

  it('keeps the change report readable until the retention has passed, then deletes the run with its items', async () => {
    const justBefore = new Date(clock.getTime() + RETENTION_MS - 1000);
    expect(await runs.purgeExpiredRuns(justBefore)).toBe(0);
    const report = await runs.listWorkItems('r-old', { changedOnly: true, limit: 10 });
    expect(report.items.map((i) => [i.documentId, i.gained])).toEqual([[sha(1), ['c']]]);

    const after = new Date(clock.getTime() + RETENTION_MS + 1000);
    expect(await runs.purgeExpiredRuns(after)).toBe(1);
    expect(await runs.getRun('r-old')).toBeUndefined();
    expect((await runs.listWorkItems('r-old', { limit: 10 })).items).toEqual([]);
    expect((await runs.listRuns(10)).items.map((r) => r.runId)).toEqual(['r-running']);
    // A run still going is never purged, however old.
    expect(await runs.purgeExpiredRuns(new Date('2100-01-01T00:00:00Z'))).toBe(0);
    expect((await runs.getWorkItem('r-running', sha(3)))?.state).toBe('pending');
  });
});
