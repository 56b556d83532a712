import { describe, expect, it } from 'vitest';
import { estimateCost, profileForPages, US_EAST_1_PRICES, type DocumentProfile, type DeploymentSettings } from '../../../bench/cost';

const doc: DocumentProfile = {
  pages: 20,
  pdfBytes: 500 * 1024,
  ingestSeconds: 1,
  writeUnitsPerDocument: 200,
  dynamoBytesPerDocument: 200 * 1024,
  cacheBytesPerDocument: 100 * 1024,
  logBytesPerDocument: 2048,
};
const settings: DeploymentSettings = { ingestMemoryMb: 1024, lambdaSlowdown: 1, sqsRequestsPerDocument: 3 };

describe('estimateCost', () => {
  it('prices Lambda compute as GB-seconds at the arm64 rate', () => {
    const est = estimateCost(10_000, doc, settings);
    const compute = est.oneOffIngest.find((l) => l.item === 'Lambda compute')!;
    // 10,000 documents × 1 s × 1 GB = 10,000 GB-s
    expect(compute.usd).toBeCloseTo(10_000 * US_EAST_1_PRICES.lambdaGbSecondArm, 6);
  });

  it('grows linearly with the number of documents', () => {
    const small = estimateCost(10_000, doc, settings);
    const large = estimateCost(1_000_000, doc, settings);
    expect(large.ingestTotal).toBeCloseTo(small.ingestTotal * 100, 6);
    expect(large.storagePerMonth).toBeCloseTo(small.storagePerMonth * 100, 6);
  });

  it('charges DynamoDB writes per write unit', () => {
    const est = estimateCost(1_000_000, doc, settings);
    const writes = est.oneOffIngest.find((l) => l.item === 'DynamoDB writes')!;
    expect(writes.usd).toBeCloseTo(200 * US_EAST_1_PRICES.dynamoPerMillionWriteUnits, 6);
  });
});

describe('profileForPages', () => {
  const perPage = { ingestSeconds: 0.1, writeUnits: 17.5, dynamoBytes: 9000, cacheBytes: 6000, pdfBytes: 20_000 };

  it('scales every per-page figure to the document size, keeping log bytes per document', () => {
    const p = profileForPages(20, perPage, 500);
    expect(p).toEqual({
      pages: 20,
      pdfBytes: 400_000,
      ingestSeconds: 2,
      writeUnitsPerDocument: 350,
      dynamoBytesPerDocument: 180_000,
      cacheBytesPerDocument: 120_000,
      logBytesPerDocument: 500,
    });
  });

  it('feeds estimateCost so that twice the pages cost twice the compute', () => {
    const one = estimateCost(1000, profileForPages(10, perPage, 500), settings);
    const two = estimateCost(1000, profileForPages(20, perPage, 500), settings);
    const compute = (e: typeof one) => e.oneOffIngest.find((l) => l.item === 'Lambda compute')!.usd;
    expect(compute(two)).toBeCloseTo(compute(one) * 2, 9);
  });

  it('rejects a non-positive page count and negative measurements', () => {
    expect(() => profileForPages(0, perPage, 0)).toThrow(RangeError);
    expect(() => profileForPages(20, { ...perPage, writeUnits: -1 }, 0)).toThrow(RangeError);
  });
});
