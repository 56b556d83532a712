/**
 * Migration context at paragraph, section and document level.
 *
 * RULE: a document whose body never names migrants, migration, trafficking in persons or smuggling
 * (the lexicon's strict subject cues) addresses nothing. Inside a document that does, an element can
 * apply to a paragraph only where migration is its subject: named in the paragraph itself (strictly,
 * or in the paraphrase of the lexicon's broad context cues: "people who have moved", "money sent
 * back home"), in the heading of the section it sits in, in a neighbouring paragraph it continues,
 * or in a document that is about migration as a whole (its title names it, or at least a tenth of
 * its body paragraphs do). Trafficking in persons and smuggling are the subject of k and l, on their
 * own (even where nobody crosses a border) and only they: k and l apply where trafficking or
 * smuggling is named in the paragraph, a neighbour, its section heading or the document as a whole. Refugees and displaced persons alone do not open the gate
 * (they are not migrants for these elements). A paragraph classified on its own, without a
 * document, has no context to judge by: the gate stays open for elements whose cues are about
 * migration by themselves (remittances, trafficking, readmission), and the scorer (trained on such
 * paragraphs, with weights of their own) decides; elements the lexicon marks `needsContext`
 * ("climate change" for c, "human rights" for i) need the paragraph itself to name migration.
 *
 * Inside the gate the learned scorer still decides; the context measures below are also its inputs.
 */
import type { ParagraphEvidence } from './evidence';

export interface ParagraphContext {
  /** The paragraph names migrants or migration itself (outside cited titles). */
  migrationHere: boolean;
  traffickingHere: boolean;
  /** It names refugees or displaced persons and no migrants. */
  displacementOnly: boolean;
  /** The heading of its section names migration (or trafficking). */
  sectionMigration: boolean;
  sectionTrafficking: boolean;
  /** The paragraph before or after it (a lead-in, a list it belongs to) names migration. */
  neighbourMigration: boolean;
  /** The document as a whole is about migration (or trafficking). */
  documentMigration: boolean;
  documentTrafficking: boolean;
  /** Share of the document's body paragraphs naming migration, and trafficking. */
  migrationShare: number;
  traffickingShare: number;
  /** The paragraph was classified on its own, without a document around it. */
  standalone: boolean;
  /** The document names the subject somewhere (for a paragraph on its own: it does, or a conclusive hit of its own). */
  mentions: boolean;
  /** Whether elements other than k and l may apply here, and whether k and l may (trafficking named nearby). */
  open: boolean;
  /** The paragraph itself names migration (strictly, or by a broad cue that is not about displacement only). */
  namesMigration: boolean;
  openTrafficking: boolean;
  /**
   * Per element position, what the surroundings say of it: keyword strength in the document title,
   * in the heading of the section, the strongest in the paragraphs just before and after, and the
   * share of the document's body paragraphs with a lexicon hit for it. In a resolution on
   * trafficking, "Requests the Inter-Agency Coordination Group to…" is about k without saying so.
   */
  titleKeyword: Float64Array;
  sectionKeyword: Float64Array;
  neighbourKeyword: Float64Array;
  documentShare: Float64Array;
}

export interface ContextInput {
  kind?: string;
  evidence: ParagraphEvidence;
}

export interface DocumentContext {
  /** The document's body names migration or trafficking at least once (titles included). */
  mentions: boolean;
  paragraphs: ParagraphContext[];
}

/** Elements whose subject is trafficking and smuggling: they may apply where only trafficking is named. */
export const TRAFFICKING_ELEMENTS: ReadonlySet<string> = new Set(['k', 'l']);

/**
 * Per element position, 1 where the gate lets the element apply to the paragraph: the paragraph's
 * context is open (for k and l, a trafficking context is enough; on its own, a `needsContext`
 * element also needs the paragraph to name migration), or the element has a conclusive
 * hit of its own ("readmission", "brain drain" are migration whatever surrounds them) in a document
 * that names the subject somewhere. A table of contents, bibliography entry or list of abbreviations
 * is closed for every element.
 */
export function openElements(
  ctx: ParagraphContext,
  evidence: ParagraphEvidence,
  elementIds: readonly string[],
  needsContext: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(elementIds.length);
  // Tables of contents, bibliography entries and lists of abbreviations state nothing.
  if (evidence.navigation) return out;
  for (let e = 0; e < elementIds.length; e++) {
    let byContext = TRAFFICKING_ELEMENTS.has(elementIds[e]) ? ctx.openTrafficking : ctx.open;
    if (ctx.standalone && needsContext[e] && !ctx.namesMigration) byContext = false;
    out[e] = byContext || (ctx.mentions && evidence.conclusive[e]) ? 1 : 0;
  }
  return out;
}

/** A document is about migration as a whole when at least this share of its body paragraphs name it (at 0.1, lists of "megatrends" in a resolution on the family made it one). */
const ABOUT_SHARE = 0.2;

export function documentContext(
  paragraphs: readonly ContextInput[],
  title?: ParagraphEvidence,
): DocumentContext {
  const body = paragraphs.filter((p) => p.kind !== 'heading');
  const standalone = paragraphs.length === 1 && !title;
  const names = (e?: ParagraphEvidence) => !!e && (e.mentions.migration > 0 || e.mentions.trafficking > 0);
  // Anchors only (migrants, migration, remittances, diaspora, trafficking in persons…), in the
  // title, headings or body: words with other senses ("abroad", "visa", "forced labour") never open
  // a document on their own.
  const mentions = standalone || names(title) || paragraphs.some((p) => names(p.evidence));
  const share = (pick: (e: ParagraphEvidence) => number) =>
    body.length ? body.filter((p) => pick(p.evidence) > 0).length / body.length : 0;
  const migrationShare = share((e) => e.subjects.migration);
  const traffickingShare = share((e) => e.subjects.trafficking);
  const documentMigration = mentions && ((title?.mentions.migration ?? 0) > 0 || migrationShare >= ABOUT_SHARE);
  const documentTrafficking = mentions && ((title?.mentions.trafficking ?? 0) > 0 || traffickingShare >= ABOUT_SHARE);

  const n = paragraphs[0]?.evidence.keyword.length ?? 0;
  const titleKeyword = title ? title.keyword : new Float64Array(n);
  const documentShare = new Float64Array(n);
  for (const p of body) for (let k = 0; k < n; k++) if (p.evidence.hits[k] > 0) documentShare[k] += 1 / body.length;

  let sectionMigration = false;
  let sectionTrafficking = false;
  let sectionKeyword: Float64Array = new Float64Array(n);
  const out: ParagraphContext[] = [];
  paragraphs.forEach((p, i) => {
    const e = p.evidence;
    if (p.kind === 'heading') {
      // A heading opens a section: its subject carries to the paragraphs below, up to the next one.
      sectionMigration = e.mentions.migration > 0;
      sectionTrafficking = e.mentions.trafficking > 0;
      sectionKeyword = e.keyword;
    }
    const neighbourKeyword = new Float64Array(n);
    for (const j of [i - 1, i + 1]) {
      if (j < 0 || j >= paragraphs.length || paragraphs[j].kind === 'heading') continue;
      const kw = paragraphs[j].evidence.keyword;
      for (let k = 0; k < n; k++) if (kw[k] > neighbourKeyword[k]) neighbourKeyword[k] = kw[k];
    }
    const migrationHere = e.subjects.migration > 0;
    const traffickingHere = e.subjects.trafficking > 0;
    const near = (j: number) => j >= 0 && j < paragraphs.length && paragraphs[j].kind !== 'heading'
      && paragraphs[j].evidence.subjects.migration > 0;
    const nearTrafficking = (j: number) => j >= 0 && j < paragraphs.length && paragraphs[j].kind !== 'heading'
      && paragraphs[j].evidence.subjects.trafficking > 0;
    // A list item continues the lead-in before the first item of its list ("Calls upon States, with
    // regard to migrants: (a) … (b) …"): the lead-in's subject carries to every item.
    let leadIn = i - 1;
    if (p.kind === 'list-item') while (leadIn > 0 && paragraphs[leadIn].kind === 'list-item') leadIn--;
    const neighbourMigration = near(i - 1) || near(i + 1) || (leadIn !== i - 1 && near(leadIn));
    const neighbourTrafficking = nearTrafficking(i - 1) || nearTrafficking(i + 1) || (leadIn !== i - 1 && nearTrafficking(leadIn));
    const displacementOnly = e.subjects.displacement > 0 && !migrationHere;
    // Broad cues include "refugee" and "asylum": they count only where displacement is not the subject.
    const paraphrase = e.broadContext && !displacementOnly;
    const open = standalone || (mentions && (migrationHere || paraphrase || sectionMigration || neighbourMigration || documentMigration));
    out.push({
      migrationHere,
      traffickingHere,
      displacementOnly,
      sectionMigration,
      sectionTrafficking,
      neighbourMigration,
      documentMigration,
      documentTrafficking,
      migrationShare,
      traffickingShare,
      standalone,
      mentions,
      open,
      namesMigration: migrationHere || paraphrase,
      // k and l need trafficking or smuggling named around them: "victims" or "exploitation" in a
      // paragraph on migrants is not l unless trafficking is the subject.
      openTrafficking: standalone || (mentions && (traffickingHere || neighbourTrafficking || sectionTrafficking || documentTrafficking)),
      titleKeyword,
      sectionKeyword: p.kind === 'heading' ? new Float64Array(n) : sectionKeyword,
      neighbourKeyword,
      documentShare,
    });
  });
  return { mentions, paragraphs: out };
}
