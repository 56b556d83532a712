/** @jsxImportSource hono/jsx */
/** Recent review decisions, and the labelled export that feeds evaluation and training. */
import type { ReviewDecision } from '../../reviews/types';
import { shortDate } from './parts';

const WORDS = { confirm: 'confirmed', reject: 'rejected', add: 'added' } as const;

export function ReviewsView(props: { decisions: ReviewDecision[]; titles: Map<string, string>; nextCursor?: string }) {
  return (
    <>
      <h1 tabindex={-1}>Reviews</h1>
      <p class="lead">
        Decisions reviewers made on tags. They are kept by paragraph text, so they still hold after documents are processed again. The export gives every reviewed paragraph with
        its elements after review, one JSON object per line (<code>id</code>, <code>text</code>, <code>elements</code>), the format the evaluation uses.
      </p>
      <p>
        <button type="button" data-download="/ui/api/reviews/export" data-filename="reviews.jsonl">
          Download labelled paragraphs (JSONL)
        </button>
      </p>
      {props.decisions.length === 0 ? <p>No decisions yet. Open a document to review its tags.</p> : null}
      <ul class="decisions">
        {props.decisions.map((d) => (
          <li>
            <p>
              <strong>{d.reviewer.name}</strong> {WORDS[d.verdict]} <a href={`#/elements/${d.element}`}>({d.element})</a> on{' '}
              <a href={`#/documents/${d.documentId}?paragraph=${d.paragraph.index}`}>
                {d.paragraph.number ? `¶ ${d.paragraph.number}` : `paragraph ${d.paragraph.index + 1}`} of {props.titles.get(d.documentId) ?? 'a document'}
              </a>
              , <time datetime={d.at}>{shortDate(d.at)}</time>
            </p>
            {d.comment ? <p class="comment">“{d.comment}”</p> : null}
          </li>
        ))}
      </ul>
      {props.nextCursor ? (
        <p>
          <a class="button secondary" href={`#/reviews?cursor=${encodeURIComponent(props.nextCursor)}`}>
            Older decisions
          </a>
        </p>
      ) : null}
    </>
  );
}
