import { describe, expect, it } from 'vitest';
import { InProcessQueue, type QueueMessage } from '../../../shared/local/queue';

describe('InProcessQueue', () => {
  it('delivers every message and never runs more consumers than the concurrency bound', async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const q = new InProcessQueue({
      concurrency: 2,
      consumer: async (batch) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        seen.push(...batch.map((m) => m.body));
        running--;
        return { failedMessageIds: [] };
      },
    });
    for (let i = 0; i < 10; i++) q.send(`m${i}`);
    await q.idle();
    expect(seen.sort()).toEqual([...Array(10).keys()].map((i) => `m${i}`).sort());
    expect(peak).toBe(2);
  });

  it('redelivers a failed message with a growing receive count, then succeeds', async () => {
    const receives: number[] = [];
    const q = new InProcessQueue({
      baseDelayMs: 5,
      maxReceiveCount: 5,
      consumer: async ([m]) => {
        receives.push(m.receiveCount);
        return { failedMessageIds: m.receiveCount < 3 ? [m.messageId] : [] };
      },
    });
    q.send('x');
    await q.idle();
    expect(receives).toEqual([1, 2, 3]);
    expect(q.deadLetters).toEqual([]);
  });

  it('moves a message to the dead-letter list after maxReceiveCount failures, keeping the error', async () => {
    const dead: QueueMessage[] = [];
    const q = new InProcessQueue({
      baseDelayMs: 1,
      maxReceiveCount: 3,
      consumer: async () => {
        throw new Error('boom');
      },
      onDeadLetter: (d) => dead.push(d),
    });
    q.send('poison');
    await q.idle();
    expect(q.deadLetters).toHaveLength(1);
    expect(q.deadLetters[0]).toMatchObject({ body: 'poison', receiveCount: 3, lastError: 'boom' });
    expect(dead).toHaveLength(1);
  });

  it('retries only the messages a batch reports as failed', async () => {
    const deliveries: string[] = [];
    const q = new InProcessQueue({
      batchSize: 3,
      concurrency: 1,
      baseDelayMs: 1,
      consumer: async (batch) => {
        deliveries.push(...batch.map((m) => m.body));
        return { failedMessageIds: batch.filter((m) => m.body === 'b' && m.receiveCount === 1).map((m) => m.messageId) };
      },
    });
    q.send('a');
    q.send('b');
    q.send('c');
    await q.idle();
    expect(deliveries.sort()).toEqual(['a', 'b', 'b', 'c']);
  });

  it('waits for in-flight work on close and refuses new messages', async () => {
    let finished = false;
    const q = new InProcessQueue({
      consumer: async () => {
        await new Promise((r) => setTimeout(r, 20));
        finished = true;
        return { failedMessageIds: [] };
      },
    });
    q.send('slow');
    await new Promise((r) => setTimeout(r, 5));
    await q.close();
    expect(finished).toBe(true);
    expect(() => q.send('late')).toThrow(/closed/);
  });

  it('rejects nonsensical settings', () => {
    expect(() => new InProcessQueue({ concurrency: 0, consumer: async () => ({ failedMessageIds: [] }) })).toThrow(RangeError);
  });
});
