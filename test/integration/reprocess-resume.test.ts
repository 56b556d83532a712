/**
 * A run killed halfway and started again: the restart finishes the rest without redoing what was
 * done, every document ends at the new version exactly once (one switch each), and no document is
 * ever without a current version. The kill is injected: after the third successful version switch
 * every storage call fails, as if the process had died, including between a switch and the
 * recording of that document as done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';
import { makePdf } from '../helpers/pdf-fixtures';
import { classifierWithExtraTerms } from '../helpers/classifier-variant';
import { InProcessQueue } from '../../shared/local/queue';
import { runInProcess, type ReprocessDeps, type RunStore } from '../../shared/app/reprocess';
import type { DocumentRepository } from '../../shared/app/ports';

const TOPICS = [
  'States will strengthen integrated border management and cooperation between border agencies.',
  'Participants called for reducing the transaction costs of migrant remittances to less than 3 per cent.',
  'Migrant workers should not pay recruitment fees; States will regulate recruitment agencies.',
  'Governments were encouraged to adopt diaspora engagement strategies and to support diaspora investment.',
  'States will prevent and combat trafficking in persons and the smuggling of migrants.',
  'States will improve the collection and analysis of disaggregated migration data.',
  'Returning migrants need support for their sustainable reintegration in their communities.',
  'Consular protection and assistance should be available to migrants abroad.',
];

let p: TestPipeline;
const ids: string[] = [];

beforeAll(async () => {
  p = await startTestPipeline();
  for (const [i, text] of TOPICS.entries()) {
    await p.upload(`uploads/Rabat-Process/doc-${i}.pdf`, await makePdf({ title: `doc ${i}`, pages: [{ paragraphs: [text, `Paragraph ${i} restates that ${text.toLowerCase()}`] }] }));
  }
  await p.runtime.idle();
  const page = await p.get('/documents?status=tagged&limit=100');
  ids.push(...page.body.items.map((d: any) => d.documentId));
  expect(ids).toHaveLength(TOPICS.length);
});
afterAll(() => p?.stop());

class Killed extends Error {}

/** Wraps every method of an object so that it throws once `state.killed` is set. */
function killable<T extends object>(target: T, state: { killed: boolean }): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (state.killed) throw new Killed('process killed');
        return value.apply(t, args);
      };
    },
  });
}

describe('a run interrupted halfway and started again', () => {
  const edited = classifierWithExtraTerms({ j: [['blorvex corridor', 1]] });
  const switches = new Map<string, number>();
  const queueFactory = (consumer: any) => new InProcessQueue({ consumer, concurrency: 2, maxReceiveCount: 2, baseDelayMs: 5 });

  function deps(state: { killed: boolean }, killAfterSwitches?: number): ReprocessDeps {
    const base = p.runtime.ingestDeps;
    const repo = killable(p.runtime.repo, state) as DocumentRepository;
    const counted: DocumentRepository = Object.create(repo);
    counted.switchVersion = async (args) => {
      const ok = await repo.switchVersion(args);
      if (ok && args.version === edited.version) {
        switches.set(args.documentId, (switches.get(args.documentId) ?? 0) + 1);
        const total = [...switches.values()].reduce((a, b) => a + b, 0);
        if (killAfterSwitches !== undefined && total >= killAfterSwitches) state.killed = true;
      }
      return ok;
    };
    return { ...base, classifier: edited, repo: counted, runs: killable(p.runtime.runs, state) as RunStore };
  }

  let firstRunId: string;
  const gaps: string[] = [];

  beforeAll(async () => {
    const state = { killed: false };
    // Watch for any document without a current version while the first run proceeds and dies.
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const id of ids) if (!(await p.runtime.repo.getDocument(id))?.currentVersion) gaps.push(id);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    // The dead process cannot even read its run back at the end: that call fails too.
    await expect(runInProcess(deps(state, 3), { kind: 'all' }, { makeQueue: queueFactory, maxReceiveCount: 2, planPageSize: 3 })).rejects.toThrow(Killed);
    watching = false;
    await watcher;
    firstRunId = (await p.runtime.runs.listRuns(1)).items[0].runId;
  });

  it('leaves the first attempt unfinished, with some documents done and every document still served', async () => {
    const run = await p.runtime.runs.getRun(firstRunId);
    expect(run?.status).toBe('running');
    const done = [...switches.values()].reduce((a, b) => a + b, 0);
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(ids.length);
    expect(gaps).toEqual([]);
    for (const id of ids) expect((await p.runtime.repo.getDocument(id))?.currentVersion).toBeTruthy();
  });

  it('the same command again resumes that run and finishes it: each document switched exactly once', async () => {
    const switchedBefore = new Map(switches);
    // The resume comes after the replaced versions' retention: their items are gone, and the change
    // report of the documents switched before the kill still compares with what they addressed.
    expect(await p.runtime.repo.purgeExpiredVersions(new Date(Date.now() + 60 * 86_400_000))).toBeGreaterThanOrEqual(switchedBefore.size);
    const second = await runInProcess(deps({ killed: false }), { kind: 'all' }, { makeQueue: queueFactory, maxReceiveCount: 2 });
    expect(second.resumed).toBe(true);
    expect(second.run.runId).toBe(firstRunId);
    expect(second.run).toMatchObject({ status: 'done', total: ids.length, planned: true });
    expect(second.run.counts).toEqual({ pending: 0, done: ids.length, failed: 0, unchanged: 0 });
    for (const id of ids) {
      expect(switches.get(id), id).toBe(1);
      expect((await p.runtime.repo.getDocument(id))?.currentVersion).toBe(edited.version);
    }
    // Documents switched before the kill were not switched again.
    for (const [id, n] of switchedBefore) expect(switches.get(id)).toBe(n);
    const items = await p.runtime.runs.listWorkItems(firstRunId, { limit: 100 });
    expect(items.items).toHaveLength(ids.length);
    expect(items.items.every((w) => w.state === 'done' && w.toVersion === edited.version)).toBe(true);
    // The new term appears in none of the texts: no document gained or lost anything.
    for (const w of items.items) expect({ id: w.documentId, gained: w.gained, lost: w.lost }).toEqual({ id: w.documentId, gained: [], lost: [] });
    // Each item kept what its document addressed when planned (the term changed nothing, so the same as now).
    let addressing = 0;
    for (const w of items.items) {
      const now = (await p.runtime.repo.getDocument(w.documentId))!.elements.filter((e) => e.addresses).map((e) => e.element);
      expect(w.fromElements.filter((e) => e.addresses).map((e) => e.element), w.documentId).toEqual(now);
      if (now.length) addressing++;
    }
    expect(addressing).toBeGreaterThan(ids.length / 2);
  });
});
