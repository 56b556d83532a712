/** The GCM taxonomy: 24 elements (a)–(x) grouped in 6 themes. Loaded from versioned data. */

export type ElementId =
  | 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l'
  | 'm' | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x';

export type ThemeId = 1 | 2 | 3 | 4 | 5 | 6;

export interface Theme {
  id: ThemeId;
  label: string;
  /** Official wording of the theme (Modalities resolution, para. 16). */
  wording: string;
}

export interface Element {
  id: ElementId;
  theme: ThemeId;
  label: string;
  /** Official wording (New York Declaration, Annex II, para. 8). */
  wording: string;
}

export interface Taxonomy {
  id: string;
  version: string;
  themes: Theme[];
  elements: Element[];
}
