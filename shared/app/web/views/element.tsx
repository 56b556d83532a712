/** @jsxImportSource hono/jsx */
/** One element: filters, then the documents that address it, best first, each with its best evidence paragraphs. */
import type { Element } from '../../../core/taxonomy/types';
import { spansOfTerms } from '../../highlights';
import type { ServedEvidence, ServedRankedDocument } from '../../reviews';
import { DOCUMENT_TYPES } from '../../types';
import { DocumentMeta, ElementName, Highlighted, ReviewBadge, Score, TYPE_WORDS, termLabel } from './parts';

export interface ElementFilters {
  process?: string;
  type?: string;
  from?: string;
  to?: string;
  minScore?: number;
}

export function ElementView(props: {
  element: Element;
  filters: ElementFilters;
  items: ServedRankedDocument[];
  reviewerAdded: ServedRankedDocument[];
  nextCursor?: string;
  processes: string[];
  firstPage: boolean;
}) {
  const { element, filters } = props;
  const route = `/elements/${element.id}`;
  const filtered = Boolean(filters.process || filters.type || filters.from || filters.to || filters.minScore);
  return (
    <>
      <h1 tabindex={-1}>
        <ElementName element={element} />
      </h1>
      <p class="wording">{element.wording}</p>
      <form class="filters" data-route={route} aria-label="Filter the documents">
        <label>
          Process
          <input name="process" list="filter-processes" value={filters.process ?? ''} maxlength={100} autocomplete="off" />
        </label>
        <datalist id="filter-processes">
          {props.processes.map((p) => (
            <option value={p} />
          ))}
        </datalist>
        <label>
          Type
          <select name="type">
            <option value="">Any</option>
            {DOCUMENT_TYPES.map((t) => (
              <option value={t} selected={filters.type === t}>
                {TYPE_WORDS[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Meeting from
          <input name="from" type="date" value={filters.from ?? ''} />
        </label>
        <label>
          to
          <input name="to" type="date" value={filters.to ?? ''} />
        </label>
        <label>
          Minimum score
          <input name="minScore" type="number" min="0" max="1" step="0.05" value={filters.minScore === undefined ? '' : String(filters.minScore)} inputmode="decimal" />
        </label>
        <div class="actions">
          <button type="submit">Apply filters</button>
          {filtered ? <a href={`#${route}`}>Clear</a> : null}
        </div>
      </form>
      <p class="summary" role="status">
        {props.items.length === 0
          ? filtered
            ? 'No document matches these filters.'
            : 'No document addresses this element yet.'
          : `${props.items.length}${props.nextCursor ? '+' : ''} document${props.items.length === 1 && !props.nextCursor ? '' : 's'}${props.firstPage ? ', best first' : ' (continued)'}.`}
      </p>
      <ol class="results">
        {props.items.map((d) => (
          <RankedDocumentCard doc={d} element={element} />
        ))}
      </ol>
      {props.nextCursor ? (
        <p>
          <a class="button secondary more" href={`#${route}?${new URLSearchParams({ ...definedFilters(filters), cursor: props.nextCursor })}`}>
            More documents
          </a>
        </p>
      ) : null}
      {props.reviewerAdded.length ? (
        <section class="reviewer-added" aria-labelledby="reviewer-added">
          <h2 id="reviewer-added">Added by reviewers</h2>
          <p>Documents the classifier did not tag with this element, where a reviewer said it applies.</p>
          <ol class="results">
            {props.reviewerAdded.map((d) => (
              <RankedDocumentCard doc={d} element={element} />
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

function RankedDocumentCard(props: { doc: ServedRankedDocument; element: Element }) {
  const d = props.doc;
  return (
    <li class="result">
      <h2>
        <a href={`#/documents/${d.documentId}?element=${props.element.id}`}>{d.title ?? d.key.split('/').pop()}</a>
      </h2>
      <DocumentMeta process={d.process} type={d.type} meetingDate={d.meetingDate}>
        {' · '}
        {d.score === null ? 'added by a reviewer' : <>score <Score value={d.score} label="document score for this element (0 to 1)" /></>} · {d.paragraphCount} paragraph
        {d.paragraphCount === 1 ? '' : 's'}
        {d.reviewed ? <span class="badge reviewed">reviewed</span> : null}
      </DocumentMeta>
      <ul class="evidence" aria-label="Best evidence">
        {d.evidence.map((e) => (
          <Evidence evidence={e} documentId={d.documentId} />
        ))}
      </ul>
    </li>
  );
}

function Evidence(props: { evidence: ServedEvidence; documentId: string }) {
  const e = props.evidence;
  return (
    <li>
      <p class="where-line">
        <a href={`#/documents/${props.documentId}?paragraph=${e.index}`}>{e.number ? `¶ ${e.number}` : `paragraph ${e.index + 1}`}</a> · page {e.page}
        {e.score !== null ? (
          <>
            {' · '}
            <Score value={e.score} />
          </>
        ) : null}
        {e.review ? <ReviewBadge review={e.review} /> : null}
      </p>
      <blockquote>
        <Highlighted text={e.snippet} spans={e.highlights ?? spansOfTerms(e.snippet, e.matchedTerms)} />
      </blockquote>
      {e.matchedTerms.length ? <p class="terms">Matched: {e.matchedTerms.map(termLabel).join('; ')}</p> : null}
    </li>
  );
}

function definedFilters(f: ElementFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') out[k] = String(v);
  return out;
}
