/**
 * 7. Cost on paper: ingesting and storing 10,000 and 1,000,000 documents of 20 pages on AWS with
 * our settings, from bench/cost.ts, fed with measured figures (end-to-end benchmark of this run, or
 * the last saved one) and the ingest function's memory from the CDK stack. Assumptions are printed.
 */
import { INGEST_SIZING } from '../infra/constructs/ingest';
import { estimateCost, profileForPages, US_EAST_1_PRICES, type DeploymentSettings } from './cost';
import type { EndToEndFigures } from './end-to-end';
import { readResult } from './lib/results';
import { SkipBenchmark } from './lib/skip';
import { round } from './lib/stats';
import type { Benchmark, BenchOutput } from './lib/types';

export const DOCUMENT_COUNTS = [10_000, 1_000_000];
export const PAGES_PER_DOCUMENT = 20;

/** Assumptions that are not measured here; each is stated in the output. */
export const ASSUMPTIONS = {
  /** Lambda arm64 at 2 GB gives about one vCPU, usually slower per thread than a developer machine's core. */
  lambdaSlowdown: 1.5,
  /** S3 sends the notification, the event source mapping receives it and deletes it. */
  sqsRequestsPerDocument: 3,
};

export const costBenchmark: Benchmark = {
  name: 'cost',
  title: '7. Cost on paper: 10,000 and 1,000,000 documents of 20 pages',
  async run(ctx): Promise<BenchOutput> {
    let source = 'this run';
    let e2e = ctx.earlier.get('end-to-end') as EndToEndFigures | undefined;
    if (!e2e) {
      const saved = readResult<{ figures?: EndToEndFigures }>(ctx.resultsDir, 'end-to-end');
      e2e = saved?.figures;
      source = saved ? `bench/results/end-to-end.json of ${saved.at}` : source;
    }
    if (!e2e) throw new SkipBenchmark('needs the end-to-end figures: run `npm run bench -- --only end-to-end,cost` (which needs the corpus)');
    const profile = profileForPages(PAGES_PER_DOCUMENT, e2e.perPage, e2e.perDocument.logBytes);
    const settings: DeploymentSettings = {
      ingestMemoryMb: INGEST_SIZING.memoryMb,
      lambdaSlowdown: ASSUMPTIONS.lambdaSlowdown,
      sqsRequestsPerDocument: ASSUMPTIONS.sqsRequestsPerDocument,
    };
    const estimates = DOCUMENT_COUNTS.map((n) => estimateCost(n, profile, settings));
    const usd = (n: number) => `$${n < 10 ? n.toFixed(2) : Math.round(n).toLocaleString('en-US')}`;
    const lineRows = (pick: 'oneOffIngest' | 'monthlyStorage') =>
      estimates[0][pick].map((line, i) => [line.item, usd(line.usd), usd(estimates[1][pick][i].usd), estimates[1][pick][i].basis]);
    return {
      tables: [
        {
          title: `Inputs per ${PAGES_PER_DOCUMENT}-page document (measured per page in ${source}, × ${PAGES_PER_DOCUMENT})`,
          header: ['ingest s (local)', 'Lambda GB-s', 'DynamoDB WRU', 'DynamoDB KB', 'cache KB', 'PDF KB', 'log bytes'],
          rows: [[
            profile.ingestSeconds,
            profile.ingestSeconds * settings.lambdaSlowdown * (settings.ingestMemoryMb / 1024),
            profile.writeUnitsPerDocument,
            profile.dynamoBytesPerDocument / 1024,
            profile.cacheBytesPerDocument / 1024,
            profile.pdfBytes / 1024,
            profile.logBytesPerDocument,
          ]],
        },
        {
          title: 'One-off ingest (us-east-1 on-demand list prices in bench/cost.ts)',
          header: ['item', `${DOCUMENT_COUNTS[0].toLocaleString('en-US')} docs`, `${DOCUMENT_COUNTS[1].toLocaleString('en-US')} docs`, `basis at ${DOCUMENT_COUNTS[1].toLocaleString('en-US')}`],
          rows: [...lineRows('oneOffIngest'), ['total', usd(estimates[0].ingestTotal), usd(estimates[1].ingestTotal), '']],
        },
        {
          title: 'Storage per month',
          header: ['item', `${DOCUMENT_COUNTS[0].toLocaleString('en-US')} docs`, `${DOCUMENT_COUNTS[1].toLocaleString('en-US')} docs`, `basis at ${DOCUMENT_COUNTS[1].toLocaleString('en-US')}`],
          rows: [...lineRows('monthlyStorage'), ['total', usd(estimates[0].storagePerMonth), usd(estimates[1].storagePerMonth), '']],
        },
      ],
      notes: [
        `Lambda seconds = measured local ingest seconds × ${ASSUMPTIONS.lambdaSlowdown} (assumed arm64 slowdown) at ${settings.ingestMemoryMb} MB (INGEST_SIZING in infra/constructs/ingest.ts), batch size 1.`,
        `DynamoDB write units and bytes come from what the local ingest actually wrote (metered puts/updates/deletes, each index write sized by what that index projects: gsi1 INCLUDE, gsi2 KEYS_ONLY); ${ASSUMPTIONS.sqsRequestsPerDocument} SQS requests per document; idle queue polling, API calls, CloudWatch metrics/alarms, KMS and data transfer are left out.`,
        'Superseded versions are kept for 14 days after a re-tag, so storage briefly doubles during a reprocessing run; point-in-time recovery (enabled) is billed on table size on top of storage.',
      ],
      json: { source, pagesPerDocument: PAGES_PER_DOCUMENT, assumptions: ASSUMPTIONS, settings, prices: US_EAST_1_PRICES, profile, estimates: estimates.map((e) => ({ ...e, ingestTotal: round(e.ingestTotal), storagePerMonth: round(e.storagePerMonth) })) },
    };
  },
};
