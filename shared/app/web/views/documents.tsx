/** @jsxImportSource hono/jsx */
/** All documents, newest change first within each status, with their status in words. */
import { plainReason, STATUS_WORDS } from '../../plain-reasons';
import { DOCUMENT_STATUSES, type DocumentRecord, type DocumentStatus } from '../../types';
import { DocumentMeta, shortDate } from './parts';

export function DocumentsView(props: { docs: DocumentRecord[]; status?: DocumentStatus; nextCursor?: string }) {
  const route = '/documents';
  return (
    <>
      <h1 tabindex={-1}>Documents</h1>
      <nav aria-label="Filter by status" class="tabs">
        <ul>
          <li>
            <a href={`#${route}`} aria-current={props.status ? undefined : 'page'}>
              All
            </a>
          </li>
          {DOCUMENT_STATUSES.map((s) => (
            <li>
              <a href={`#${route}?status=${s}`} aria-current={props.status === s ? 'page' : undefined}>
                {STATUS_WORDS[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.docs.length === 0 ? <p>No documents{props.status ? ' with this status' : ''} yet.</p> : null}
      <ul class="doclist">
        {props.docs.map((d) => {
          const reason = plainReason(d.status, d.reason);
          return (
            <li>
              <h2>
                <a href={`#/documents/${d.documentId}`}>{d.title ?? d.key.split('/').pop()}</a>
              </h2>
              <DocumentMeta process={d.process} type={d.type} meetingDate={d.meetingDate} />
              <p>
                <span class={`status ${d.status}`}>{STATUS_WORDS[d.status]}</span>
                {d.status === 'tagged' ? ` · addresses ${d.elements.filter((e) => e.addresses).map((e) => `(${e.element})`).join(' ') || 'no element'}` : ''} · changed {shortDate(d.updatedAt)}
              </p>
              {reason ? <p class="reason">{reason}</p> : null}
            </li>
          );
        })}
      </ul>
      {props.nextCursor ? (
        <p>
          <a class="button secondary" href={`#${route}?${new URLSearchParams({ ...(props.status ? { status: props.status } : {}), cursor: props.nextCursor })}`}>
            More documents
          </a>
        </p>
      ) : null}
    </>
  );
}
