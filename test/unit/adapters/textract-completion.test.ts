import { describe, expect, it } from 'vitest';
import { InvalidCompletionError, parseTextractCompletion } from '../../../shared/adapters/textract/completion';

const DOC = '0123456789abcdef'.repeat(4);
const message = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ JobId: 'j-1', Status: 'SUCCEEDED', API: 'StartDocumentTextDetection', JobTag: DOC, Timestamp: 1, DocumentLocation: { S3ObjectName: 'uploads/a.pdf', S3Bucket: 'b' }, ...over });

describe('Textract completion messages', () => {
  it('reads a raw message (the queue subscription delivers raw) and one inside the SNS envelope', () => {
    expect(parseTextractCompletion(message())).toEqual({ jobId: 'j-1', documentId: DOC, status: 'succeeded' });
    const envelope = JSON.stringify({ Type: 'Notification', MessageId: 'm', TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: message({ Status: 'FAILED' }) });
    expect(parseTextractCompletion(envelope)).toEqual({ jobId: 'j-1', documentId: DOC, status: 'failed' });
  });

  it('counts PARTIAL_SUCCESS as finished with results, ERROR as failed', () => {
    expect(parseTextractCompletion(message({ Status: 'PARTIAL_SUCCESS' })).status).toBe('succeeded');
    expect(parseTextractCompletion(message({ Status: 'ERROR' })).status).toBe('failed');
  });

  it('refuses anything else with a clear error', () => {
    const cases: Array<[string, RegExp]> = [
      ['not json', /not JSON/],
      [message({ API: 'StartDocumentAnalysis' }), /API/],
      [message({ JobTag: 'uploads/a.pdf' }), /JobTag is not a document id/],
      [message({ JobId: undefined }), /JobId/],
      [message({ Status: 'IN_PROGRESS' }), /Status/],
      [JSON.stringify({ Type: 'Notification', Message: 'garbage' }), /not JSON/],
      ['{"Records":[]}', /not a Textract text detection completion/],
    ];
    for (const [body, why] of cases) {
      expect(() => parseTextractCompletion(body), body).toThrow(InvalidCompletionError);
      expect(() => parseTextractCompletion(body), body).toThrow(why);
    }
  });
});
