/**
 * Printed labels at the start of a paragraph: "12.", "(a)", "(iv)", "III.", "B.", "2.1", bullets.
 */
export type LabelStyle = 'decimal' | 'outline' | 'letter' | 'roman' | 'upper-roman' | 'upper-letter' | 'bullet' | 'named';

export interface Label {
  style: LabelStyle;
  /** The label without punctuation: "12", "a", "iv", "III", "B", "2.1", or "" for bullets. */
  value: string;
  /** Length of the label text including its punctuation (not the following space). */
  length: number;
}

const PATTERNS: Array<[RegExp, LabelStyle]> = [
  // "Action 12.", "Article 3", "Recommendation 4:", "Finding 1.2.", "Activité 1.1.2 :" (the Pact for the Future, evaluation reports)
  [/^((?:Action|Article|Recommendation|Finding|Principle|Objective|Commitment|Rule|Activité|Résultat|Recommandation|Constat|Artículo|Recomendación|Acción|Resultado)\s+\d{1,3}(?:\.\d{1,2}){0,2})\s?[.:]?(?=\s)/, 'named'],
  [/^(\d{1,3})\.(?=\s|$)/, 'decimal'],
  [/^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s)/, 'outline'],
  [/^\(([ivxl]{1,5})\)(?=\s|$)/, 'roman'],
  [/^\(([a-z]{1,2})\)(?=\s|$)/, 'letter'],
  [/^([a-z])\)(?=\s)/, 'letter'],
  [/^([IVXL]{1,6})\.(?=\s)/, 'upper-roman'],
  [/^([A-H])\.(?=\s)/, 'upper-letter'],
  [/^([•\-–—*·o✓➢►])(?=\s)/, 'bullet'],
];

export function readLabel(text: string): Label | null {
  for (const [pattern, style] of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    return { style, value: style === 'bullet' ? '' : match[1], length: match[0].length };
  }
  return null;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };

export function romanValue(text: string): number {
  let total = 0;
  const s = text.toLowerCase();
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]] ?? 0;
    const next = ROMAN[s[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}
