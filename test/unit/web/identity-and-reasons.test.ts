import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { groupsClaim, httpApiIdentity, isReviewer } from '../../../shared/app/api/identity';
import { plainReason } from '../../../shared/app/plain-reasons';
import { contentSecurityPolicy } from '../../../shared/app/web/security';

describe('identity on AWS', () => {
  it('reads cognito:groups in every shape API Gateway hands it over', () => {
    expect(groupsClaim(['reviewers', 'staff'])).toEqual(['reviewers', 'staff']);
    expect(groupsClaim('[reviewers staff]')).toEqual(['reviewers', 'staff']);
    expect(groupsClaim('["reviewers","staff"]')).toEqual(['reviewers', 'staff']);
    expect(groupsClaim('reviewers')).toEqual(['reviewers']);
    expect(groupsClaim(undefined)).toEqual([]);
    expect(groupsClaim('')).toEqual([]);
  });

  it('recognises a Cognito user from the verified JWT claims, an IAM caller without groups, and nobody otherwise', async () => {
    const seen: unknown[] = [];
    const app = new Hono();
    app.get('/', (c) => {
      seen.push(httpApiIdentity(c));
      return c.text('ok');
    });
    const call = (authorizer: unknown) => app.request('/', {}, { requestContext: { authorizer } });
    await call({ jwt: { claims: { username: 'ana', email: 'ana@example.org', 'cognito:groups': '[reviewers]' }, scopes: ['openid'] } });
    await call({ jwt: { claims: { username: 'bo' } } });
    await call({ iam: { userArn: 'arn:aws:iam::123456789012:user/ci-script' } });
    await call(undefined);
    expect(seen).toEqual([
      { id: 'ana', name: 'ana@example.org', groups: ['reviewers'], via: 'cognito' },
      { id: 'bo', name: 'bo', groups: [], via: 'cognito' },
      { id: 'arn:aws:iam::123456789012:user/ci-script', name: 'ci-script', groups: [], via: 'iam' },
      undefined,
    ]);
    expect(seen.map((s) => isReviewer(s as never))).toEqual([true, false, false, false]);
  });
});

describe('reasons in plain words', () => {
  it('says what happened and what to do, for each failure code', () => {
    expect(plainReason('failed', 'not-pdf: the file does not start with a PDF header (%PDF-)')).toMatch(/^This file is not a PDF/);
    expect(plainReason('failed', 'encrypted: the PDF is password-protected')).toMatch(/password/);
    expect(plainReason('failed', 'invalid upload metadata: meetingDate is not a calendar date')).toBe(
      'The details given with the upload are not valid: meetingDate is not a calendar date. Correct them and upload the file again.',
    );
    expect(plainReason('failed', 'something new: ???')).toMatch(/^Something went wrong/);
    expect(plainReason('needs-ocr', 'the PDF has no text layer; its pages are images')).toMatch(/OCR/);
    expect(plainReason('needs-ocr', 'the PDF has no text layer; its pages are images; OCR found no text on the scanned pages (1, 2)')).toMatch(/could not read text/);
    expect(plainReason('needs-ocr', 'the PDF has no text layer; its pages are images; OCR failed (engine error)')).toMatch(/could not read text/);
    expect(plainReason('needs-ocr', 'the PDF has no text layer; its pages are images; OCR is turned off (GCM_OCR=off)')).toMatch(/^The PDF contains only images of pages, without a text layer/);
    expect(plainReason('failed', 'ocr-timeout: OCR job j-1 (textract) of pages 1, 2, started 2025-01-01T00:00:00Z, exceeded 60 minutes')).toMatch(/did not finish in time/);
    expect(plainReason('ocr-pending', null)).toBeNull();
    expect(plainReason('tagged', null)).toBeNull();
  });
});

describe('Content-Security-Policy', () => {
  it('allows only this origin for code and style, and only the given origins to connect to', () => {
    const csp = contentSecurityPolicy(['https://bucket.s3.eu-west-1.amazonaws.com', 'https://gcm.auth.eu-west-1.amazoncognito.com']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("connect-src 'self' https://bucket.s3.eu-west-1.amazonaws.com https://gcm.auth.eu-west-1.amazoncognito.com;");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
