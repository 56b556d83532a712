import { describe, expect, it } from 'vitest';
import { decodeS3EventKey, encodeS3EventKey, MalformedEventError, objectsFromS3Event } from '../../../shared/adapters/s3/events';

const record = (key: string, eventName = 'ObjectCreated:Put') => ({
  eventSource: 'aws:s3',
  eventName,
  s3: { bucket: { name: 'archive' }, object: { key, size: 12, eTag: 'abc' } },
});

describe('S3 event keys', () => {
  it('decodes keys the way S3 encodes them (spaces as +, other bytes percent-encoded)', () => {
    expect(decodeS3EventKey('uploads/Bali+Process/chair%27s+summary+%282019%29.pdf')).toBe("uploads/Bali Process/chair's summary (2019).pdf");
    expect(decodeS3EventKey('uploads/d%C3%A9claration+de+Rabat.pdf')).toBe('uploads/déclaration de Rabat.pdf');
    // A literal plus sign arrives as %2B and must survive.
    expect(decodeS3EventKey('uploads/a%2Bb.pdf')).toBe('uploads/a+b.pdf');
  });

  it('encodes so that decoding gives the original key back', () => {
    for (const key of ['uploads/Bali Process/x y.pdf', 'uploads/a+b.pdf', 'uploads/é ü/100%.pdf', "uploads/it's (1).pdf"]) {
      const encoded = encodeS3EventKey(key);
      expect(encoded).not.toContain(' ');
      expect(decodeS3EventKey(encoded)).toBe(key);
    }
    expect(encodeS3EventKey('uploads/Bali Process/a.pdf')).toBe('uploads/Bali+Process/a.pdf');
  });

  it('rejects undecodable keys with a typed error', () => {
    expect(() => decodeS3EventKey('uploads/%E0%A4%A.pdf')).toThrow(MalformedEventError);
  });
});

describe('objectsFromS3Event', () => {
  it('returns decoded refs of ObjectCreated records and skips removals', () => {
    const refs = objectsFromS3Event({ Records: [record('uploads/a+b.pdf'), record('uploads/c.pdf', 'ObjectRemoved:Delete')] });
    expect(refs).toEqual([{ bucket: 'archive', key: 'uploads/a b.pdf', eTag: 'abc', size: 12, versionId: undefined }]);
  });

  it('rejects things that are not S3 events', () => {
    expect(() => objectsFromS3Event({})).toThrow(MalformedEventError);
    expect(() => objectsFromS3Event({ Records: [{ eventSource: 'aws:sqs', eventName: 'x' }] })).toThrow(MalformedEventError);
  });
});
