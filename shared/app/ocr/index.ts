/** External OCR jobs (Amazon Textract on AWS): start, resume on completion, time limit. */
export { DEFAULT_OCR_TIME_LIMIT_MS, requestOcr, requestToken, type DeferredPages, type OcrRequestDeps, type OcrRequestOutcome } from './request';
export { resumeFromOcr, type OcrResumeDeps, type ResumeOutcome } from './resume';
export { expireOverdueOcr, TIME_LIMIT_EVENT, type OcrTimeLimitDeps } from './time-limit';
export { handleOcrCompletionBatch } from './completions';
