import { describe, expect, it } from 'vitest';
import { InvalidMetadataError, parseUploadMetadata, processFromKey, toObjectMetadata } from '../../../shared/app/metadata';

describe('upload metadata', () => {
  it('reads process from the key convention uploads/<process>/<file>.pdf', () => {
    expect(processFromKey('uploads/Bali-Process/x.pdf', 'uploads/')).toBe('Bali Process');
    expect(processFromKey('uploads/x.pdf', 'uploads/')).toBeUndefined();
    expect(parseUploadMetadata({}, 'uploads/Rabat_Process/x.pdf', 'uploads/')).toEqual({ process: 'Rabat Process' });
  });

  it('prefers object metadata and validates type and date', () => {
    const meta = parseUploadMetadata({ process: 'Budapest%20Process', type: 'Declaration', 'meeting-date': '2019-04-02' }, 'uploads/Other/x.pdf', 'uploads/');
    expect(meta).toEqual({ process: 'Budapest Process', type: 'declaration', meetingDate: '2019-04-02' });
  });

  it('rejects unknown types and impossible dates with a typed error listing the problems', () => {
    expect(() => parseUploadMetadata({ type: 'poem' }, 'uploads/x.pdf', 'uploads/')).toThrow(InvalidMetadataError);
    try {
      parseUploadMetadata({ 'meeting-date': '2019-02-30', type: 'memo' }, 'uploads/x.pdf', 'uploads/');
      expect.unreachable();
    } catch (err) {
      expect((err as InvalidMetadataError).problems).toHaveLength(2);
    }
  });

  it('round-trips through S3 metadata, encoding non-ASCII process names', () => {
    const meta = { process: 'Processus de Rabat — Dakar', type: 'chairs-summary' as const, meetingDate: '2018-05-02' };
    const s3 = toObjectMetadata(meta);
    expect(Object.values(s3).every((v) => /^[\x20-\x7e]*$/.test(v))).toBe(true);
    expect(parseUploadMetadata(s3, 'uploads/x.pdf', 'uploads/')).toEqual(meta);
  });
});
