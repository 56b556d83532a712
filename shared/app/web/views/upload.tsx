/** @jsxImportSource hono/jsx */
/**
 * Upload form: the details that apply to the files, then the files (chosen or dropped). The
 * script sends each file straight to S3 through a presigned POST and follows it until it is tagged,
 * needs OCR, or failed.
 */
import { DOCUMENT_TYPES } from '../../types';
import { TYPE_WORDS } from './parts';

export function UploadView(props: { processes: string[]; maxBytes: number }) {
  return (
    <>
      <h1 tabindex={-1}>Upload documents</h1>
      <p class="lead">
        PDF files only, up to {Math.floor(props.maxBytes / (1024 * 1024))} MB each. The details below are recorded with every file of this upload; each file is then read
        and tagged, which takes a few seconds to a few minutes.
      </p>
      <form id="upload-form" class="upload" novalidate>
        <fieldset>
          <legend>About these documents</legend>
          <div class="fields">
            <label>
              Process
              <input name="process" list="known-processes" maxlength={100} autocomplete="off" placeholder="e.g. Bali Process" />
            </label>
            <datalist id="known-processes">
              {props.processes.map((p) => (
                <option value={p} />
              ))}
            </datalist>
            <label>
              Type of document
              <select name="type">
                <option value="">Not specified</option>
                {DOCUMENT_TYPES.map((t) => (
                  <option value={t}>{TYPE_WORDS[t]}</option>
                ))}
              </select>
            </label>
            <label>
              Meeting date
              <input name="meetingDate" type="date" />
            </label>
          </div>
        </fieldset>
        <div class="dropzone" id="dropzone">
          <label for="upload-files">PDF files (choose, or drop them on this area)</label>
          <input id="upload-files" name="files" type="file" multiple accept="application/pdf,.pdf" />
          <p id="upload-chosen" class="chosen" aria-live="polite">
            No files chosen yet.
          </p>
        </div>
        <p>
          <button type="submit" id="upload-start">
            Upload
          </button>
        </p>
        <p id="upload-problem" class="error" role="alert" hidden></p>
      </form>
      <h2>This session's uploads</h2>
      <ul id="upload-list" class="uploads" aria-live="polite">
        <li class="empty">Nothing uploaded yet.</li>
      </ul>
    </>
  );
}
