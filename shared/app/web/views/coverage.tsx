/** @jsxImportSource hono/jsx */
/**
 * The coverage heat-map: documents (or processes) down, the 24 elements across. Each cell shows
 * its number as text as well as by its shade (colour is never the only cue), and the CSV holds
 * the same matrix.
 */
import type { Taxonomy } from '../../../core/taxonomy/types';
import type { CoverageDocumentRow, CoverageProcessRow } from '../../coverage';

/** Shade 1–5 of a value in (0, 1]; 0 for an empty cell. */
export function shade(value: number | null): number {
  if (value === null || value <= 0) return 0;
  return Math.min(5, Math.max(1, Math.ceil(value * 5)));
}

export function CoverageView(props: { taxonomy: Taxonomy; by: 'documents' | 'processes'; documents: CoverageDocumentRow[]; processes: CoverageProcessRow[] }) {
  const { taxonomy } = props;
  const ids = taxonomy.elements.map((e) => e.id);
  const csv = `/ui/api/coverage?format=csv${props.by === 'processes' ? '&by=processes' : ''}`;
  return (
    <>
      <h1 tabindex={-1}>Coverage</h1>
      <p class="lead">
        Which elements each {props.by === 'processes' ? 'process' : 'document'} addresses.{' '}
        {props.by === 'processes'
          ? 'Each cell counts the documents of the process that address the element; the shade is their share of the process’s documents.'
          : 'Each cell is the document’s score for the element (0 to 1); an element a reviewer added counts 1.'}
      </p>
      <div class="toolbar">
        <nav aria-label="Rows" class="tabs">
          <ul>
            <li>
              <a href="#/coverage" aria-current={props.by === 'documents' ? 'page' : undefined}>
                By document
              </a>
            </li>
            <li>
              <a href="#/coverage?by=processes" aria-current={props.by === 'processes' ? 'page' : undefined}>
                By process
              </a>
            </li>
          </ul>
        </nav>
        <button type="button" data-download={csv} data-filename={props.by === 'processes' ? 'coverage-by-process.csv' : 'coverage.csv'}>
          Download CSV
        </button>
      </div>
      <div class="heatmap-wrap" tabindex={0} role="region" aria-label="Coverage table (scrolls sideways)">
        <table class="heatmap">
          <caption class="visually-hidden">
            {props.by === 'processes' ? 'Processes' : 'Documents'} by element of the Global Compact
          </caption>
          <thead>
            <tr>
              <th scope="col" class="rowhead">
                {props.by === 'processes' ? 'Process' : 'Document'}
              </th>
              {taxonomy.elements.map((e) => (
                <th scope="col">
                  <a href={`#/elements/${e.id}`} title={`(${e.id}) ${e.label}`}>
                    <abbr title={e.label}>{e.id}</abbr>
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.by === 'processes'
              ? props.processes.map((r) => (
                  <tr>
                    <th scope="row" class="rowhead">
                      {r.process} <span class="n">({r.documents})</span>
                    </th>
                    {ids.map((id) => (
                      <td class={`h${shade(r.counts[id] / r.documents)}`}>{r.counts[id] || ''}</td>
                    ))}
                  </tr>
                ))
              : props.documents.map((r) => (
                  <tr>
                    <th scope="row" class="rowhead">
                      <a href={`#/documents/${r.documentId}`}>{r.title ?? r.key.split('/').pop()}</a>
                      {r.process ? <span class="n"> {r.process}</span> : null}
                    </th>
                    {ids.map((id) => {
                      const v = r.scores[id];
                      const reviewed = r.reviewed[id];
                      return (
                        <td class={`h${shade(v)}${reviewed ? ' reviewed' : ''}`} title={reviewed ? `${reviewed} by review` : undefined}>
                          {v === null ? '' : v.toFixed(2)}
                          {reviewed && reviewed !== 'rejected' ? <span class="mark" aria-label={`${reviewed} by review`}>✓</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
          </tbody>
        </table>
      </div>
      {props.documents.length === 0 ? <p>No tagged documents yet.</p> : null}
    </>
  );
}
