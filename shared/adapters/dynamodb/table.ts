/** The table definition, used by the local runtime and tests to create it (the CDK stack declares the same). */
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { GSI_LISTS, GSI_RANKING } from './keys';

/** Name of the attribute that AWS TTL should be enabled on. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * What the ranking/coverage index carries besides its keys: exactly what a ranked list or a row of
 * the coverage matrix shows or filters on (ranking entries: version, score, count, evidence and the
 * filter attributes; document items: title, key, metadata, element scores). Nothing else is copied.
 */
export const RANKING_PROJECTION = [
  'version',
  'score',
  'paragraphCount',
  'evidence',
  'process',
  'type',
  'meetingDate',
  'title',
  'key',
  'elementScores',
] as const;

export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
      { AttributeName: 'gsi2pk', AttributeType: 'S' },
      { AttributeName: 'gsi2sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: GSI_RANKING,
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...RANKING_PROJECTION] },
      },
      {
        // Status lists, expiring versions and runs are read as keys, then fetched from the table.
        IndexName: GSI_LISTS,
        KeySchema: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  };
}

/** Creates the table unless it exists, then waits until it is ACTIVE. */
export async function ensureTable(client: DynamoDBClient, tableName: string, timeoutMs = 30_000): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException) && (err as Error).name !== 'ResourceNotFoundException') throw err;
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const gsisActive = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && gsisActive) return;
    if (Date.now() > deadline) throw new Error(`table ${tableName} not active after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
