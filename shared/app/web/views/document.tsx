/** @jsxImportSource hono/jsx */
/**
 * One document: its facts, a link that opens the original PDF, the elements it addresses (after
 * review), and its paragraphs in order with their tags. Reviewers get a form per paragraph to
 * confirm or reject each tag, or to add an element the classifier missed.
 */
import type { Element, ElementId, Taxonomy } from '../../../core/taxonomy/types';
import { spansOfTerms, type Span } from '../../highlights';
import { plainReason, STATUS_WORDS } from '../../plain-reasons';
import type { ServedElement, ServedParagraph, ServedTag } from '../../reviews/types';
import type { DocumentRecord } from '../../types';
import { DocumentMeta, ElementName, Highlighted, ReviewBadge, Score, shortDate, termLabel, Where } from './parts';

export function DocumentView(props: {
  doc: DocumentRecord;
  taxonomy: Taxonomy;
  elements: ServedElement[];
  paragraphs: ServedParagraph[];
  pdfUrl?: string;
  reviewer: boolean;
  /** Only this element's tags are highlighted (the view was opened from the element's ranking). */
  focusElement?: ElementId;
}) {
  const { doc, taxonomy } = props;
  const byId = new Map(taxonomy.elements.map((e) => [e.id, e]));
  const addressed = props.elements.filter((e) => e.addresses);
  const other = props.elements.filter((e) => !e.addresses);
  const reason = plainReason(doc.status, doc.reason);
  return (
    <>
      <h1 tabindex={-1}>{doc.title ?? doc.key.split('/').pop()}</h1>
      <DocumentMeta process={doc.process} type={doc.type} meetingDate={doc.meetingDate} />
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={`status ${doc.status}`}>{STATUS_WORDS[doc.status]}</span>
          {reason ? <p class="reason">{reason}</p> : null}
          {doc.reason ? <p class="technical">Technical detail: {doc.reason}</p> : null}
        </dd>
        <dt>Pages</dt>
        <dd>
          {doc.pages ?? 'unknown'}
          {doc.failedPages?.length ? ` (could not read page${doc.failedPages.length === 1 ? '' : 's'} ${doc.failedPages.join(', ')})` : ''}
        </dd>
        <dt>Paragraphs</dt>
        <dd>{doc.paragraphCount}</dd>
        <dt>File</dt>
        <dd>
          {doc.keys.map((k) => (
            <code class="key">{k}</code>
          ))}
        </dd>
        <dt>Versions</dt>
        <dd>
          classifier <code>{doc.currentVersion ?? '–'}</code>, extractor <code>{doc.extractorVersion ?? '–'}</code>; last change {shortDate(doc.updatedAt)}
        </dd>
      </dl>
      {props.pdfUrl ? (
        <p>
          <a class="button" href={props.pdfUrl} target="_blank" rel="noopener noreferrer" data-pdf>
            Open the PDF
          </a>
        </p>
      ) : null}
      <section aria-labelledby="addressed">
        <h2 id="addressed">Elements addressed</h2>
        {addressed.length === 0 ? <p>This document addresses no element.</p> : null}
        <ul class="chips">
          {addressed.map((e) => (
            <ElementChip element={byId.get(e.element)!} served={e} />
          ))}
        </ul>
        {other.length ? (
          <p class="also">
            Also tagged on some paragraphs, below the document threshold:{' '}
            {other.map((e, i) => (
              <>
                {i ? ', ' : ''}
                <a href={`#/elements/${e.element}`}>({e.element})</a>
                {e.review === 'rejected' ? ' (rejected by review)' : ''}
              </>
            ))}
          </p>
        ) : null}
      </section>
      {props.paragraphs.length ? (
        <section aria-labelledby="paragraphs">
          <h2 id="paragraphs">Paragraphs</h2>
          <p class="legend">
            <span class="tag machine">machine</span> tagged by the classifier · <span class="tag machine reviewed">reviewed</span> confirmed by a reviewer ·{' '}
            <span class="tag reviewer">added</span> added by a reviewer · <span class="tag rejected">rejected</span> rejected by a reviewer
          </p>
          <ol class="paragraphs">
            {props.paragraphs.map((p) => (
              <ParagraphItem p={p} doc={doc} byId={byId} taxonomy={taxonomy} pdfUrl={props.pdfUrl} reviewer={props.reviewer} focus={props.focusElement} />
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

function ElementChip(props: { element: Element; served: ServedElement }) {
  const e = props.served;
  return (
    <li class={`chip${e.review ? ` reviewed ${e.review}` : ''}`}>
      <a href={`#/elements/${e.element}`}>
        <ElementName element={props.element} />
      </a>
      <span class="chip-facts">
        <Score value={e.score} label="document score for this element (0 to 1)" /> · {e.paragraphCount} paragraph{e.paragraphCount === 1 ? '' : 's'}
        {e.review === 'added' ? ' · added by review' : e.review === 'confirmed' ? ' · confirmed by review' : ''}
      </span>
    </li>
  );
}

function ParagraphItem(props: {
  p: ServedParagraph;
  doc: DocumentRecord;
  byId: Map<ElementId, Element>;
  taxonomy: Taxonomy;
  pdfUrl?: string;
  reviewer: boolean;
  focus?: ElementId;
}) {
  const { p, doc } = props;
  const shown = props.focus ? p.tags.filter((t) => t.element === props.focus) : p.tags;
  const spans = shown.flatMap((t): Span[] => (t.source === 'machine' ? (t.spans ?? spansOfTerms(p.text, t.matchedTerms)) : []));
  const label = p.number ? `paragraph ${p.number}` : `paragraph ${p.index + 1}`;
  return (
    <li id={`p-${p.index}`} class={`para kind-${p.kind}${p.tags.length ? ' tagged' : ''}`}>
      <p class="where-line">
        <Where number={p.number} index={p.index} page={p.page} pageEnd={p.pageEnd} />
        {props.pdfUrl ? (
          <>
            {' · '}
            <a href={`${props.pdfUrl}#page=${p.page}`} target="_blank" rel="noopener noreferrer">
              Open the PDF at page {p.page}
            </a>
          </>
        ) : null}
      </p>
      <p class="text">
        <Highlighted text={p.text} spans={spans} />
      </p>
      {p.tags.length || p.rejected.length ? (
        <ul class="tags" aria-label={`Tags of ${label}`}>
          {p.tags.map((t) => (
            <TagItem tag={t} element={props.byId.get(t.element)!} />
          ))}
          {p.rejected.map((t) => (
            <li class="tag rejected">
              <del>
                <ElementName element={props.byId.get(t.element)!} />
              </del>{' '}
              <Score value={t.score} /> <ReviewBadge review={t.review} />
            </li>
          ))}
        </ul>
      ) : null}
      {props.reviewer ? <ReviewForm p={p} doc={doc} taxonomy={props.taxonomy} label={label} /> : null}
    </li>
  );
}

function TagItem(props: { tag: ServedTag; element: Element }) {
  const t = props.tag;
  const kind = t.source === 'reviewer' ? 'reviewer' : t.review ? 'machine reviewed' : 'machine';
  return (
    <li class={`tag ${kind}`}>
      <a href={`#/elements/${t.element}`}>
        <ElementName element={props.element} />
      </a>{' '}
      {t.source === 'machine' ? <Score value={t.score} /> : null} {t.review ? <ReviewBadge review={t.review} /> : <span class="badge machine">machine</span>}
      {t.matchedTerms.length ? <span class="terms">{t.matchedTerms.map(termLabel).join('; ')}</span> : null}
    </li>
  );
}

function ReviewForm(props: { p: ServedParagraph; doc: DocumentRecord; taxonomy: Taxonomy; label: string }) {
  const { p } = props;
  const present = new Set(p.tags.map((t) => t.element));
  const rejected = new Set(p.rejected.map((t) => t.element));
  const addable = props.taxonomy.elements.filter((e) => !present.has(e.id));
  const commentId = `comment-${p.index}`;
  return (
    <form class="review-form" data-document={props.doc.documentId} data-paragraph={String(p.index)} aria-label={`Review ${props.label}`}>
      <div class="review-actions">
        {p.tags.map((t) => (
          <span class="pair">
            {t.review?.verdict !== 'confirm' && t.source === 'machine' ? (
              <button type="submit" name="decision" value={`confirm:${t.element}`} class="small" aria-label={`Confirm (${t.element}) for ${props.label}`}>
                Confirm ({t.element})
              </button>
            ) : null}
            <button type="submit" name="decision" value={`reject:${t.element}`} class="small danger" aria-label={`Reject (${t.element}) for ${props.label}`}>
              Reject ({t.element})
            </button>
          </span>
        ))}
        {[...rejected].map((id) => (
          <button type="submit" name="decision" value={`confirm:${id}`} class="small" aria-label={`Restore (${id}) for ${props.label}`}>
            Restore ({id})
          </button>
        ))}
        <label class="add">
          <span class="visually-hidden">Element to add to {props.label}</span>
          <select name="addElement">
            <option value="">Add a missing element…</option>
            {addable
              .filter((e) => !rejected.has(e.id))
              .map((e) => (
                <option value={e.id}>
                  ({e.id}) {e.label}
                </option>
              ))}
          </select>
        </label>
        <button type="submit" name="decision" value="add" class="small">
          Add
        </button>
      </div>
      <div class="review-comment">
        <label class="comment" for={commentId}>
          Comment (optional)
        </label>
        <input id={commentId} name="comment" maxlength={1000} autocomplete="off" />
      </div>
      <p class="review-status" role="status"></p>
    </form>
  );
}

