/**
 * Review decisions on the document table, in partitions of their own so that nothing the pipeline
 * writes, rewrites or expires under `DOC#…` touches them:
 *
 *  - decision  `REVIEW#<documentId>` / `P#<textKey>#E#<element>`: the latest decision on that
 *    paragraph text and element, with a short history of the ones it replaced;
 *    GSI2 `REVIEWS` / `<at>#<documentId>#<textKey>#<element>` lists all decisions by time (export);
 *    GSI1 `REVIEWED#E#<element>` / `<documentId>#<textKey>#<A|R>`: which documents have decisions
 *    on an element, and whether each says it applies (A) or not (R), read from the keys alone.
 *
 * Index reads take only keys from the index and fetch the items themselves, so they work whatever
 * the indexes project.
 */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ElementId } from '../../core/taxonomy/types';
import type { ReviewRepository } from '../../app/reviews/ports';
import { decisionApplies, type ReviewDecision } from '../../app/reviews/types';
import type { Page } from '../../app/types';
import { batchGetAll, type RetryOptions } from './batch';
import { asStartKey, CursorCodec } from './cursor';
import { GSI_LISTS, GSI_RANKING } from './keys';
import { isConditionFailure, queryAll, stripUndefined } from './operations';

export const reviewKeys = {
  decision: (documentId: string, textKey: string, element: ElementId) => ({ pk: `REVIEW#${documentId}`, sk: `P#${textKey}#E#${element}` }),
  documentPartition: (documentId: string) => `REVIEW#${documentId}`,
  listPartition: 'REVIEWS',
  elementPartition: (element: ElementId) => `REVIEWED#E#${element}`,
};

const HISTORY_LIMIT = 20;
const PUT_ATTEMPTS = 5;

export interface ReviewRepositoryOptions {
  client: DynamoDBDocumentClient;
  table: string;
  cursorSecret: string;
  retry?: RetryOptions;
}

export class DynamoReviewRepository implements ReviewRepository {
  private readonly db: DynamoDBDocumentClient;
  private readonly cursors: CursorCodec;

  constructor(private readonly opts: ReviewRepositoryOptions) {
    this.db = opts.client;
    this.cursors = new CursorCodec(opts.cursorSecret);
  }

  async put(decision: Omit<ReviewDecision, 'history'>): Promise<ReviewDecision> {
    const key = reviewKeys.decision(decision.documentId, decision.textKey, decision.element);
    // Optimistic: the earlier decision moves into the history only if nobody replaced it meanwhile.
    for (let attempt = 1; ; attempt++) {
      const res = await this.db.send(new GetCommand({ TableName: this.opts.table, Key: key, ConsistentRead: true }));
      const previous = res.Item ? toDecision(res.Item) : undefined;
      const history = previous
        ? [{ verdict: previous.verdict, comment: previous.comment, reviewer: previous.reviewer, at: previous.at }, ...(previous.history ?? [])].slice(0, HISTORY_LIMIT)
        : [];
      const stored: ReviewDecision = { ...decision, ...(history.length ? { history: history.map((h) => stripUndefined(h)) } : {}) };
      const item = stripUndefined({
        ...key,
        entity: 'review',
        ...stored,
        gsi2pk: reviewKeys.listPartition,
        gsi2sk: `${decision.at}#${decision.documentId}#${decision.textKey}#${decision.element}`,
        gsi1pk: reviewKeys.elementPartition(decision.element),
        gsi1sk: `${decision.documentId}#${decision.textKey}#${decisionApplies(decision) ? 'A' : 'R'}`,
      });
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.opts.table,
            Item: item,
            ConditionExpression: previous ? '#at = :at' : 'attribute_not_exists(pk)',
            ...(previous ? { ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':at': previous.at } } : {}),
          }),
        );
        return stored;
      } catch (err) {
        if (!isConditionFailure(err) || attempt >= PUT_ATTEMPTS) throw err;
      }
    }
  }

  async forDocument(documentId: string): Promise<ReviewDecision[]> {
    const items = await queryAll(this.db, {
      TableName: this.opts.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': reviewKeys.documentPartition(documentId) },
      ConsistentRead: true,
    });
    return items.map(toDecision);
  }

  async forDocuments(documentIds: readonly string[]): Promise<Map<string, ReviewDecision[]>> {
    const unique = [...new Set(documentIds)];
    const found = await Promise.all(unique.map((id) => this.forDocument(id)));
    const out = new Map<string, ReviewDecision[]>();
    unique.forEach((id, i) => {
      if (found[i].length) out.set(id, found[i]);
    });
    return out;
  }

  async onElement(element: ElementId): Promise<Array<{ documentId: string; textKey: string; applies: boolean }>> {
    const items = await queryAll(this.db, {
      TableName: this.opts.table,
      IndexName: GSI_RANKING,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': reviewKeys.elementPartition(element) },
      ProjectionExpression: 'gsi1sk',
    });
    return items.map((i) => {
      const [documentId, textKey, applies] = String(i.gsi1sk).split('#');
      return { documentId, textKey, applies: applies === 'A' };
    });
  }

  async applyingTo(element: ElementId): Promise<Array<{ documentId: string; textKey: string }>> {
    return (await this.onElement(element)).filter((d) => d.applies).map(({ documentId, textKey }) => ({ documentId, textKey }));
  }

  async list(limit: number, cursor?: string): Promise<Page<ReviewDecision>> {
    const scope = 'reviews';
    const startKey = cursor ? asStartKey(this.cursors.decode(cursor, scope), ['pk', 'sk', 'gsi2pk', 'gsi2sk']) : undefined;
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.opts.table,
        IndexName: GSI_LISTS,
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': reviewKeys.listPartition },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const keysInOrder = (res.Items ?? []).map((i) => ({ pk: i.pk as string, sk: i.sk as string }));
    const items = await batchGetAll(this.db, this.opts.table, keysInOrder, this.opts.retry);
    const byKey = new Map(items.map((i) => [`${i.pk}\u0000${i.sk}`, i]));
    const decisions = keysInOrder
      .map((k) => byKey.get(`${k.pk}\u0000${k.sk}`))
      // Replaced between the index read and the fetch: it reappears under its new time.
      .filter((i): i is Record<string, unknown> => i !== undefined)
      .map(toDecision);
    const last = res.LastEvaluatedKey as Record<string, string> | undefined;
    return { items: decisions, nextCursor: last ? this.cursors.encode(scope, { pk: last.pk, sk: last.sk, gsi2pk: last.gsi2pk, gsi2sk: last.gsi2sk }) : undefined };
  }
}

function toDecision(item: Record<string, unknown>): ReviewDecision {
  const d: ReviewDecision = {
    documentId: item.documentId as string,
    textKey: item.textKey as string,
    element: item.element as ElementId,
    verdict: item.verdict as ReviewDecision['verdict'],
    reviewer: item.reviewer as ReviewDecision['reviewer'],
    at: item.at as string,
    paragraph: item.paragraph as ReviewDecision['paragraph'],
    version: item.version as string,
    machineElements: (item.machineElements as ElementId[]) ?? [],
  };
  if (typeof item.comment === 'string' && item.comment) d.comment = item.comment;
  if (Array.isArray(item.history) && item.history.length) d.history = item.history as ReviewDecision['history'];
  return d;
}
