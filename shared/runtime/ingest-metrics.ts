/**
 * CloudWatch metrics of the ingest function, written as Embedded Metric Format log lines by
 * Powertools (no PutMetricData call, so no extra permission): one count per outcome, paragraphs
 * tagged, errors that will be retried, and the time per document. Operators alarm and graph on these.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IngestOutcome } from '../app/ingest';

const OUTCOME_METRIC: Record<IngestOutcome['outcome'], string> = {
  tagged: 'DocumentsTagged',
  unchanged: 'DocumentsUnchanged',
  'needs-ocr': 'DocumentsNeedingOcr',
  'ocr-pending': 'DocumentsAwaitingOcr',
  failed: 'DocumentsFailed',
  skipped: 'ObjectsSkipped',
};

export function createIngestMetrics(): Metrics {
  return new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'GcmTagger',
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'gcm-tagger-ingest',
  });
}

export function recordIngestOutcome(metrics: Metrics, outcome: IngestOutcome, elapsedMs: number): void {
  metrics.addMetric(OUTCOME_METRIC[outcome.outcome], MetricUnit.Count, 1);
  if (outcome.outcome === 'tagged') metrics.addMetric('ParagraphsTagged', MetricUnit.Count, outcome.paragraphs);
  metrics.addMetric('IngestDuration', MetricUnit.Milliseconds, elapsedMs);
}

export function recordIngestError(metrics: Metrics): void {
  metrics.addMetric('IngestErrors', MetricUnit.Count, 1);
}
