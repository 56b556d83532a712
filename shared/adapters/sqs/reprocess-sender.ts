/** MessageSender on SQS: fan-out messages in SendMessageBatch calls of 10, failed entries retried. */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageSender } from '../../app/reprocess/ports';
import type { ReprocessMessage } from '../../app/reprocess/types';

const BATCH = 10;
const ATTEMPTS = 5;

export class SqsMessageSender implements MessageSender {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(messages: ReprocessMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += BATCH) {
      let entries = messages.slice(i, i + BATCH).map((m, n) => ({ Id: String(n), MessageBody: JSON.stringify(m) }));
      for (let attempt = 1; entries.length; attempt++) {
        if (attempt > ATTEMPTS) throw new Error(`SQS refused ${entries.length} reprocess message(s) after ${ATTEMPTS} attempts`);
        if (attempt > 1) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        const res = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const failed = new Set((res.Failed ?? []).map((f) => f.Id));
        entries = entries.filter((e) => failed.has(e.Id));
      }
    }
  }
}
