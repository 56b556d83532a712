/** @jsxImportSource hono/jsx */
/** Small pieces shared by the views: highlighted text, scores, review badges, dates. */
import type { Child } from 'hono/jsx';
import type { Element } from '../../../core/taxonomy/types';
import { segments, type Span } from '../../highlights';
import type { ReviewMark } from '../../reviews/types';
import type { DocumentType } from '../../types';

/** Text with the given spans wrapped in <mark>. */
export function Highlighted(props: { text: string; spans: readonly Span[] }) {
  return (
    <>
      {segments(props.text, props.spans).map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}
    </>
  );
}

export function Score(props: { value: number | null; label?: string }) {
  if (props.value === null) return <span class="score none">no score</span>;
  return (
    <span class="score" title={props.label ?? 'classifier score (0 to 1)'}>
      {props.value.toFixed(2)}
    </span>
  );
}

const VERDICT_WORDS: Record<ReviewMark['verdict'], string> = { confirm: 'confirmed', reject: 'rejected', add: 'added' };

/** "confirmed by Ana, 3 Dec 2026" with the comment, if any. */
export function ReviewBadge(props: { review: ReviewMark }) {
  const r = props.review;
  return (
    <span class={`badge review ${r.verdict}`}>
      {VERDICT_WORDS[r.verdict]} by {r.reviewer.name}, <time datetime={r.at}>{shortDate(r.at)}</time>
      {r.comment ? <q class="comment">{r.comment}</q> : null}
    </span>
  );
}

export function ElementName(props: { element: Pick<Element, 'id' | 'label'> }) {
  return (
    <>
      <span class="el-id">({props.element.id})</span> {props.element.label}
    </>
  );
}

export const TYPE_WORDS: Record<DocumentType, string> = {
  declaration: 'Declaration',
  'chairs-summary': "Chair's summary",
  'concept-note': 'Concept note',
  report: 'Report',
  resolution: 'Resolution',
  'action-plan': 'Action plan',
  evaluation: 'Evaluation',
  other: 'Other',
};

/** "Bali Process · Declaration · 10 Feb 2023", leaving out what is unknown. */
export function DocumentMeta(props: { process?: string; type?: DocumentType; meetingDate?: string; children?: Child }) {
  const parts = [props.process, props.type ? TYPE_WORDS[props.type] : undefined, props.meetingDate ? longDate(props.meetingDate) : undefined].filter(Boolean);
  return (
    <p class="meta">
      {parts.join(' · ') || 'No process, type or date given'}
      {props.children}
    </p>
  );
}

/** "¶ 12 · page 3" (or "paragraph 5 (unnumbered)"). */
export function Where(props: { number: string | null; index: number; page: number; pageEnd?: number }) {
  const pages = props.pageEnd && props.pageEnd !== props.page ? `pages ${props.page}–${props.pageEnd}` : `page ${props.page}`;
  return (
    <span class="where">
      {props.number ? `¶ ${props.number}` : `paragraph ${props.index + 1} (unnumbered)`} · {pages}
    </span>
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2023-02-10 → "10 Feb 2023" (dates are calendar days: no time zone involved). */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** An ISO timestamp as its UTC day and time, "3 Dec 2026 14:05 UTC". */
export function shortDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${longDate(m[1])} ${m[2]} UTC` : iso;
}

/** A lexicon term as a reader would say it: `a ~ b` (words near each other) as "a … b", no wildcard stars. */
export function termLabel(term: string): string {
  return term.replace(/\s*~\s*/g, ' … ').replace(/\*/g, '');
}
