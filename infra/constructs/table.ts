/**
 * The single DynamoDB table. Keys and indexes are read from the adapter's own table definition
 * (`shared/adapters/dynamodb/table.ts`), the one the local runtime creates, so AWS and local
 * cannot drift apart.
 */
import { RemovalPolicy, aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { TTL_ATTRIBUTE, tableDefinition } from '../../shared/adapters/dynamodb/table';

export class Table extends Construct {
  readonly table: dynamodb.Table;
  readonly indexNames: string[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const def = tableDefinition('unused');
    const key = keySchema(def, def.KeySchema);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: key.partitionKey,
      sortKey: key.sortKey,
      // On demand: ingestion is bursty (a batch of uploads, a reprocessing run) and idle otherwise.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Superseded versions, finished runs and their work items carry `expiresAt` (epoch seconds): TTL deletes them.
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.indexNames = [];
    for (const gsi of def.GlobalSecondaryIndexes ?? []) {
      this.table.addGlobalSecondaryIndex({
        indexName: required(gsi.IndexName, 'IndexName'),
        ...keySchema(def, gsi.KeySchema),
        projectionType: projection(gsi.Projection?.ProjectionType),
        ...(gsi.Projection?.NonKeyAttributes ? { nonKeyAttributes: gsi.Projection.NonKeyAttributes } : {}),
      });
      this.indexNames.push(gsi.IndexName!);
    }
  }
}

/** The table and each index by name: grants never need an `index/*` wildcard. */
export function dataArns(table: Table): string[] {
  return [table.table.tableArn, ...table.indexNames.map((name) => `${table.table.tableArn}/index/${name}`)];
}

function keySchema(def: CreateTableCommandInput, schema: KeySchemaElement[] | undefined) {
  const attribute = (type: 'HASH' | 'RANGE'): dynamodb.Attribute | undefined => {
    const name = schema?.find((k) => k.KeyType === type)?.AttributeName;
    if (!name) return undefined;
    const declared = def.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
    const attributeType =
      declared === 'S' ? dynamodb.AttributeType.STRING
      : declared === 'N' ? dynamodb.AttributeType.NUMBER
      : declared === 'B' ? dynamodb.AttributeType.BINARY
      : undefined;
    if (!attributeType) throw new Error(`key attribute ${name} has no declared type`);
    return { name, type: attributeType };
  };
  return { partitionKey: required(attribute('HASH'), 'partition key'), sortKey: attribute('RANGE') };
}

function projection(type: string | undefined): dynamodb.ProjectionType {
  if (type === undefined || type === 'ALL') return dynamodb.ProjectionType.ALL;
  if (type === 'KEYS_ONLY') return dynamodb.ProjectionType.KEYS_ONLY;
  if (type === 'INCLUDE') return dynamodb.ProjectionType.INCLUDE;
  throw new Error(`projection ${type} is not mapped`);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`table definition is missing ${what}`);
  return value;
}
