import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/config';

const base = { GCM_BUCKET: 'gcm-bucket', GCM_TABLE: 'gcm-table' };

describe('configuration of the OCR engine', () => {
  it('reads scans with Textract when told to, through the topic and role the stack created, with the time limit', () => {
    const config = loadConfig({
      ...base,
      GCM_OCR: 'textract',
      GCM_TEXTRACT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:done',
      GCM_TEXTRACT_ROLE_ARN: 'arn:aws:iam::111122223333:role/publish',
      GCM_OCR_TIME_LIMIT_MINUTES: '90',
    });
    expect(config).toMatchObject({
      ocr: 'textract',
      textract: { topicArn: 'arn:aws:sns:eu-west-1:111122223333:done', roleArn: 'arn:aws:iam::111122223333:role/publish' },
      ocrTimeLimitMs: 90 * 60_000,
    });
  });

  it('defaults to no OCR on Lambda and a 60-minute time limit', () => {
    expect(loadConfig(base)).toMatchObject({ ocr: 'off', ocrTimeLimitMs: 3_600_000 });
    expect(loadConfig(base).textract).toBeUndefined();
  });

  it('refuses Textract without its topic and role, and a time limit that is not a positive number of minutes', () => {
    expect(() => loadConfig({ ...base, GCM_OCR: 'textract' })).toThrow(/GCM_OCR=textract needs GCM_TEXTRACT_TOPIC_ARN and GCM_TEXTRACT_ROLE_ARN/);
    expect(() => loadConfig({ ...base, GCM_OCR: 'textract', GCM_TEXTRACT_TOPIC_ARN: 'topic', GCM_TEXTRACT_ROLE_ARN: 'arn:aws:iam::1:role/r' })).toThrow(/GCM_TEXTRACT_TOPIC_ARN/);
    for (const bad of ['0', '-5', '1.5', 'soon']) expect(() => loadConfig({ ...base, GCM_OCR_TIME_LIMIT_MINUTES: bad }), bad).toThrow(/GCM_OCR_TIME_LIMIT_MINUTES/);
    expect(() => loadConfig({ ...base, GCM_OCR: 'abbyy' })).toThrow(/GCM_OCR/);
  });
});
