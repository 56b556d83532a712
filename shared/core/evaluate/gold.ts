/** Gold files: JSON Lines of {"id", "text", "elements": [...]}, as in ../shared/eval/dev.jsonl. */
import { isElementId } from '../taxonomy/index';
import type { ElementId } from '../taxonomy/types';

export interface GoldItem {
  id: string;
  text: string;
  elements: ElementId[];
}

/** A gold file line that cannot be used; carries the 1-based line number. */
export class GoldFormatError extends Error {
  override readonly name = 'GoldFormatError';
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

export function parseGold(content: string): GoldItem[] {
  const items: GoldItem[] = [];
  const ids = new Set<string>();
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      throw new GoldFormatError(line, 'not valid JSON');
    }
    const o = obj as Record<string, unknown>;
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new GoldFormatError(line, 'expected a JSON object');
    if (typeof o.text !== 'string') throw new GoldFormatError(line, '"text" must be a string');
    if (!Array.isArray(o.elements)) throw new GoldFormatError(line, '"elements" must be an array');
    const elements = o.elements.map((e) => (typeof e === 'string' ? e.trim().toLowerCase() : e));
    for (const e of elements) if (!isElementId(e)) throw new GoldFormatError(line, `unknown element ${JSON.stringify(e)} (want a–x)`);
    const id = o.id === undefined ? `line-${line}` : String(o.id);
    if (ids.has(id)) throw new GoldFormatError(line, `duplicate id ${id}`);
    ids.add(id);
    items.push({ id, text: o.text, elements: [...new Set(elements as ElementId[])] });
  });
  if (items.length === 0) throw new GoldFormatError(0, 'no items');
  return items;
}
