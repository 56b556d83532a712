/** @jsxImportSource hono/jsx */
/** The 6 themes and 24 elements, each with how many documents address it. */
import type { ElementId, Taxonomy } from '../../../core/taxonomy/types';
import { ElementName } from './parts';

export function HomeView(props: { taxonomy: Taxonomy; counts: Map<ElementId, number> }) {
  const { taxonomy, counts } = props;
  return (
    <>
      <h1 tabindex={-1}>Elements of the Global Compact for Migration</h1>
      <p class="lead">
        Choose an element to see the documents that address it, best first, with the paragraphs that say so. The six themes group the 24 elements as the
        modalities resolution does.
      </p>
      <div class="themes">
        {taxonomy.themes.map((t) => (
          <section class="theme" aria-labelledby={`theme-${t.id}`}>
            <h2 id={`theme-${t.id}`}>
              <span class="theme-no">Theme {t.id}</span> {t.label}
            </h2>
            <ul class="elements">
              {taxonomy.elements
                .filter((e) => e.theme === t.id)
                .map((e) => {
                  const n = counts.get(e.id) ?? 0;
                  return (
                    <li>
                      <a href={`#/elements/${e.id}`} title={e.wording}>
                        <ElementName element={e} />
                      </a>
                      <span class={`count${n === 0 ? ' zero' : ''}`}>
                        {n} document{n === 1 ? '' : 's'}
                      </span>
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
