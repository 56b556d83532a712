/**
 * Cost on paper: what ingesting and storing N documents costs on AWS with our settings.
 * Prices are public on-demand list prices for us-east-1 (checked 2026); they are inputs, not truths:
 * change them here when AWS changes them. Everything else comes from measured or configured figures.
 */

export interface UnitPrices {
  lambdaGbSecondArm: number;
  lambdaPerMillionRequests: number;
  sqsPerMillionRequests: number;
  dynamoPerMillionWriteUnits: number;
  dynamoPerMillionReadUnits: number;
  dynamoStoragePerGbMonth: number;
  s3StoragePerGbMonth: number;
  s3PutPer1000: number;
  s3GetPer1000: number;
  logsIngestPerGb: number;
}

export const US_EAST_1_PRICES: UnitPrices = {
  lambdaGbSecondArm: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  sqsPerMillionRequests: 0.4,
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
  dynamoStoragePerGbMonth: 0.25,
  s3StoragePerGbMonth: 0.023,
  s3PutPer1000: 0.005,
  s3GetPer1000: 0.0004,
  logsIngestPerGb: 0.5,
};

export interface DocumentProfile {
  pages: number;
  pdfBytes: number;
  /** Seconds of ingest-function time per document (measured locally, scaled by `lambdaSlowdown`). */
  ingestSeconds: number;
  /** DynamoDB write units per document (items × ceil(item KB)), from the storage layout. */
  writeUnitsPerDocument: number;
  /** Bytes stored in DynamoDB per document (all items and index projections). */
  dynamoBytesPerDocument: number;
  /** Bytes of the cached extraction JSON in S3 per document. */
  cacheBytesPerDocument: number;
  /** Bytes of log lines per document. */
  logBytesPerDocument: number;
}

export interface DeploymentSettings {
  ingestMemoryMb: number;
  /** Lambda arm64 is slower per GB than a developer laptop core; a factor applied to measured seconds. */
  lambdaSlowdown: number;
  /** SQS calls per message: send (S3), receive, delete; plus empty receives amortised. */
  sqsRequestsPerDocument: number;
}

export interface CostLine {
  item: string;
  usd: number;
  basis: string;
}

export interface CostEstimate {
  documents: number;
  oneOffIngest: CostLine[];
  monthlyStorage: CostLine[];
  ingestTotal: number;
  storagePerMonth: number;
}

const GB = 1024 ** 3;

export function estimateCost(
  documents: number,
  doc: DocumentProfile,
  settings: DeploymentSettings,
  prices: UnitPrices = US_EAST_1_PRICES,
): CostEstimate {
  const gbSeconds = documents * doc.ingestSeconds * settings.lambdaSlowdown * (settings.ingestMemoryMb / 1024);
  const oneOffIngest: CostLine[] = [
    { item: 'Lambda compute', usd: gbSeconds * prices.lambdaGbSecondArm, basis: `${round(gbSeconds)} GB-s` },
    { item: 'Lambda requests', usd: (documents / 1e6) * prices.lambdaPerMillionRequests, basis: `${documents} invocations (batch size 1 worst case)` },
    { item: 'SQS requests', usd: ((documents * settings.sqsRequestsPerDocument) / 1e6) * prices.sqsPerMillionRequests, basis: `${settings.sqsRequestsPerDocument} requests/document` },
    { item: 'S3 PUT (upload + cache)', usd: ((documents * 2) / 1000) * prices.s3PutPer1000, basis: '2 PUTs/document' },
    { item: 'S3 GET (ingest read)', usd: (documents / 1000) * prices.s3GetPer1000, basis: '1 GET/document' },
    { item: 'DynamoDB writes', usd: ((documents * doc.writeUnitsPerDocument) / 1e6) * prices.dynamoPerMillionWriteUnits, basis: `${doc.writeUnitsPerDocument} WRU/document` },
    { item: 'CloudWatch Logs ingest', usd: ((documents * doc.logBytesPerDocument) / GB) * prices.logsIngestPerGb, basis: `${doc.logBytesPerDocument} B/document` },
  ];
  const monthlyStorage: CostLine[] = [
    { item: 'S3 PDFs', usd: ((documents * doc.pdfBytes) / GB) * prices.s3StoragePerGbMonth, basis: `${round((documents * doc.pdfBytes) / GB)} GB` },
    { item: 'S3 extraction cache', usd: ((documents * doc.cacheBytesPerDocument) / GB) * prices.s3StoragePerGbMonth, basis: `${round((documents * doc.cacheBytesPerDocument) / GB)} GB` },
    { item: 'DynamoDB storage', usd: ((documents * doc.dynamoBytesPerDocument) / GB) * prices.dynamoStoragePerGbMonth, basis: `${round((documents * doc.dynamoBytesPerDocument) / GB)} GB` },
  ];
  const sum = (lines: CostLine[]) => lines.reduce((acc, l) => acc + l.usd, 0);
  return { documents, oneOffIngest, monthlyStorage, ingestTotal: sum(oneOffIngest), storagePerMonth: sum(monthlyStorage) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Measured per-page figures (from the end-to-end benchmark) that the cost model scales to a document size. */
export interface PerPageMeasurements {
  ingestSeconds: number;
  writeUnits: number;
  dynamoBytes: number;
  cacheBytes: number;
  pdfBytes: number;
}

/**
 * A document profile of `pages` pages from per-page measurements. Every figure but the log lines
 * grows with the text, hence with pages (tags in the version item, addressed elements, cache JSON); log lines are a few
 * per document whatever its length.
 */
export function profileForPages(pages: number, perPage: PerPageMeasurements, logBytesPerDocument: number): DocumentProfile {
  if (!(pages > 0)) throw new RangeError(`pages must be positive, got ${pages}`);
  for (const [k, v] of Object.entries(perPage)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`per-page ${k} must be a non-negative number, got ${v}`);
  }
  return {
    pages,
    pdfBytes: Math.round(perPage.pdfBytes * pages),
    ingestSeconds: perPage.ingestSeconds * pages,
    writeUnitsPerDocument: Math.ceil(perPage.writeUnits * pages),
    dynamoBytesPerDocument: Math.round(perPage.dynamoBytes * pages),
    cacheBytesPerDocument: Math.round(perPage.cacheBytes * pages),
    logBytesPerDocument: logBytesPerDocument,
  };
}
