/** Hand-written OpenAPI 3.1 description of the query API (served at /openapi.json). */
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../types';
import { runsOpenApi } from '../reprocess/api-routes';
import { reviewsOpenApi } from '../reviews/api-routes';
import { json, q, ref } from './openapi-parts';

const errorResponses = {
  '400': { description: 'Invalid input (including a tampered or foreign cursor)', content: { 'application/json': { schema: ref('Error') } } },
  '401': { description: 'Missing or wrong bearer token (local runtime with GCM_API_TOKEN set)', content: { 'application/json': { schema: ref('Error') } } },
  '404': { description: 'Not found', content: { 'application/json': { schema: ref('Error') } } },
};
const rankingParams = [
  q('minScore', { type: 'number', minimum: 0, maximum: 1 }, 'Only documents scoring at least this'),
  q('process', { type: 'string' }, 'Consultation process, e.g. "Bali Process"'),
  q('type', { type: 'string', enum: DOCUMENT_TYPES }, 'Document type'),
  q('from', { type: 'string', format: 'date' }, 'Meeting date on or after'),
  q('to', { type: 'string', format: 'date' }, 'Meeting date on or before'),
  q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }, 'Page size'),
  q('cursor', { type: 'string' }, 'Opaque cursor from the previous page (`nextCursor`)'),
];

export function buildOpenApi() {
  const runs = runsOpenApi();
  const reviews = reviewsOpenApi();
  return {
    openapi: '3.1.0',
    info: {
      title: 'gcm-tagger query API',
      version: '1.0.0',
      description:
        'Documents tagged against the 24 elements (a)–(x) of the Global Compact for Migration, with paragraph-level evidence. Only the current classifier version of each document is served.',
    },
    paths: {
      '/health': { get: { summary: 'Liveness', responses: { '200': json({ type: 'object', properties: { ok: { type: 'boolean' } } }) } } },
      '/elements': {
        get: {
          summary: 'The 24 elements and 6 themes, with how many documents address each element',
          responses: { '200': json(ref('ElementList')), ...errorResponses },
        },
      },
      '/elements/{id}/documents': {
        get: {
          summary: 'Documents addressing an element, best first, with evidence paragraphs',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-x]$' } },
            q('theme', { type: 'integer', minimum: 1, maximum: 6 }, 'Restrict to a theme (empty when the element is not in it)'),
            ...rankingParams,
          ],
          responses: { '200': json(ref('RankedPage')), ...errorResponses },
        },
      },
      '/themes/{id}/documents': {
        get: {
          summary: 'Documents addressing any element of a theme, best first',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: 6 } }, ...rankingParams],
          responses: { '200': json(ref('RankedPage')), ...errorResponses },
        },
      },
      '/documents': {
        get: {
          summary: 'Documents, newest change first within a status; without `status`, all statuses in lifecycle order',
          parameters: [
            q('status', { type: 'string', enum: DOCUMENT_STATUSES }, 'Lifecycle status (`ocr-pending`: waiting for Amazon Textract to read its scanned pages)'),
            q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }, 'Page size'),
            q('cursor', { type: 'string' }, 'Opaque cursor'),
          ],
          responses: { '200': json({ type: 'object', properties: { items: { type: 'array', items: ref('DocumentListing') }, nextCursor: { type: 'string' } } }), ...errorResponses },
        },
      },
      '/documents/{id}': {
        get: {
          summary: 'A document: metadata, status, per-element summary of its current version',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } }],
          responses: { '200': json(ref('Document')), ...errorResponses },
        },
      },
      '/documents/{id}/paragraphs': {
        get: {
          summary: "A document's paragraphs with their tags (optionally only those tagged with one element)",
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
            q('element', { type: 'string', pattern: '^[a-x]$' }, 'Only paragraphs tagged with this element'),
          ],
          responses: {
            '200': json({ type: 'object', properties: { documentId: { type: 'string' }, version: { type: 'string' }, items: { type: 'array', items: ref('Paragraph') } } }),
            '409': json(ref('Error'), 'The document has no tagged version (needs-ocr, failed, ocr-pending, or still processing)'),
            ...errorResponses,
          },
        },
      },
      '/coverage': {
        get: {
          summary: 'Documents × elements matrix of scores (addressed elements only, review decisions applied), or processes × elements',
          parameters: [
            q('format', { type: 'string', enum: ['json', 'csv'], default: 'json' }, 'Response format'),
            q('by', { type: 'string', enum: ['documents', 'processes'], default: 'documents' }, 'Rows: documents, or processes (documents addressing each element)'),
          ],
          responses: {
            '200': { description: 'OK', content: { 'application/json': { schema: ref('Coverage') }, 'text/csv': { schema: { type: 'string' } } } },
            ...errorResponses,
          },
        },
      },
      '/uploads': {
        post: {
          summary: 'A presigned POST to upload one PDF straight to S3 (PDF content type and size range enforced by S3)',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['filename'],
                  additionalProperties: false,
                  properties: {
                    filename: { type: 'string', pattern: '\\.pdf$' },
                    contentLength: { type: 'integer' },
                    process: { type: 'string', maxLength: 80 },
                    type: { type: 'string', enum: DOCUMENT_TYPES },
                    meetingDate: { type: 'string', format: 'date' },
                  },
                },
              },
            },
          },
          responses: {
            '201': json({
              type: 'object',
              properties: {
                url: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
                key: { type: 'string' },
                expiresAt: { type: 'string', format: 'date-time' },
                maxBytes: { type: 'integer' },
              },
            }, 'Send a multipart/form-data POST to `url` with `fields` then `file`'),
            '413': json(ref('Error'), 'Declared size over the limit'),
            ...errorResponses,
          },
        },
      },
      '/uploads/status': {
        get: {
          summary: 'What became of an upload: waiting, then the status of the document its object holds, with the reason in plain words',
          parameters: [
            { name: 'key', in: 'query', required: true, schema: { type: 'string', maxLength: 1024 }, description: 'The `key` of the presigned POST' },
            q('since', { type: 'string', format: 'date-time' }, 'The `issuedAt` of the presigned POST'),
          ],
          responses: {
            '200': json({
              type: 'object',
              properties: {
                key: { type: 'string' },
                state: { type: 'string', enum: ['waiting', ...DOCUMENT_STATUSES] },
                documentId: { type: 'string' },
                reason: { type: ['string', 'null'] },
                message: { type: ['string', 'null'], description: 'The status or failure in plain words' },
                addresses: { type: 'array', items: { type: 'string' } },
              },
            }),
            ...errorResponses,
          },
        },
      },
      ...runs.paths,
      ...reviews.paths,
    },
    components: {
      schemas: {
        ...runs.schemas,
        ...reviews.schemas,
        Error: {
          type: 'object',
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
        },
        ElementList: {
          type: 'object',
          properties: {
            taxonomyVersion: { type: 'string' },
            themes: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, label: { type: 'string' }, elements: { type: 'array', items: { type: 'string' } } } } },
            elements: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' }, theme: { type: 'integer' }, label: { type: 'string' }, wording: { type: 'string' }, documentCount: { type: 'integer' } } },
            },
          },
        },
        Evidence: {
          type: 'object',
          properties: {
            index: { type: 'integer', description: '0-based paragraph position' },
            number: { type: ['string', 'null'], description: 'Printed paragraph label' },
            page: { type: 'integer' },
            snippet: { type: 'string' },
            matchedTerms: { type: 'array', items: { type: 'string' } },
            score: { type: 'number' },
          },
        },
        RankedDocument: {
          type: 'object',
          properties: {
            documentId: { type: 'string' },
            title: { type: ['string', 'null'] },
            key: { type: 'string' },
            process: { type: 'string' },
            type: { type: 'string' },
            meetingDate: { type: 'string' },
            score: { type: 'number' },
            paragraphCount: { type: 'integer' },
            version: { type: 'string' },
            evidence: { type: 'array', items: ref('Evidence') },
          },
        },
        RankedPage: { type: 'object', properties: { items: { type: 'array', items: ref('RankedDocument') }, nextCursor: { type: 'string' } } },
        DocumentListing: {
          type: 'object',
          properties: {
            documentId: { type: 'string' },
            title: { type: ['string', 'null'] },
            key: { type: 'string' },
            status: { type: 'string', enum: DOCUMENT_STATUSES },
            reason: { type: ['string', 'null'] },
            addresses: { type: 'array', items: { type: 'string' } },
          },
        },
        Document: {
          type: 'object',
          properties: {
            documentId: { type: 'string' },
            sha256: { type: 'string' },
            key: { type: 'string' },
            keys: { type: 'array', items: { type: 'string' } },
            title: { type: ['string', 'null'] },
            symbol: { type: ['string', 'null'], description: 'UN document symbol from the first page, e.g. A/RES/79/217' },
            date: { type: ['string', 'null'], description: 'date printed on the first page (adoption date of a resolution): YYYY-MM-DD or YYYY-MM' },
            ocr: {
              type: 'object',
              description: 'present when the document has scanned pages: how they were read',
              properties: {
                engine: { type: 'string', description: '`off`, or the OCR engine version' },
                pages: { type: 'array', items: { type: 'integer' } },
                confidence: { type: ['number', 'null'], description: 'mean word confidence, 0–1' },
                model: { type: ['string', 'null'], description: 'language model that read the pages (eng, fra, spa)' },
                notes: { type: 'array', items: { type: 'string' }, description: 'what a reader should know, e.g. a language model that is not installed' },
              },
            },
            pages: { type: ['integer', 'null'] },
            failedPages: { type: 'array', items: { type: 'integer' }, description: '1-based pages that could not be read (absent when none)' },
            language: { type: ['string', 'null'] },
            status: {
              type: 'string',
              enum: DOCUMENT_STATUSES,
              description: '`ocr-pending`: its scanned pages wait for an OCR job (Amazon Textract); `reason` and `ocrJob` say which',
            },
            reason: { type: ['string', 'null'], description: 'why it is failed, needs-ocr or ocr-pending' },
            ocrJob: {
              type: 'object',
              description: 'the last OCR job started on its scanned pages by Amazon Textract, when there was one',
              properties: {
                jobId: { type: 'string' },
                engine: { type: 'string', description: 'engine version whose reading the job produces' },
                pages: { type: 'array', items: { type: 'integer' }, description: '1-based pages the job reads' },
                key: { type: 'string', description: 'the object the job reads' },
                versionId: { type: 'string' },
                startedAt: { type: 'string', format: 'date-time', description: 'the time limit counts from here' },
                attempt: { type: 'integer', description: '1 for the first job; counts up after a failed or expired one' },
              },
            },
            extractorVersion: { type: ['string', 'null'] },
            currentVersion: { type: ['string', 'null'] },
            process: { type: 'string' },
            type: { type: 'string' },
            meetingDate: { type: 'string' },
            elements: { type: 'array', items: { type: 'object' } },
          },
        },
        Paragraph: {
          type: 'object',
          properties: {
            index: { type: 'integer' },
            number: { type: ['string', 'null'] },
            page: { type: 'integer' },
            kind: { type: 'string' },
            text: { type: 'string' },
            source: { type: 'string', enum: ['ocr'], description: 'present for paragraphs read by OCR from a scanned page' },
            confidence: { type: 'number', description: 'OCR only: mean word confidence, 0–1' },
            tags: { type: 'array', items: { type: 'object', properties: { element: { type: 'string' }, score: { type: 'number' }, matchedTerms: { type: 'array', items: { type: 'string' } } } } },
          },
        },
        Coverage: {
          type: 'object',
          properties: {
            elements: { type: 'array', items: { type: 'string' } },
            documents: { type: 'array', items: { type: 'object' } },
            totals: { type: 'object', additionalProperties: { type: 'integer' } },
          },
        },
      },
    },
  };
}
