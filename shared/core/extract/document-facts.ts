/**
 * Facts a user reads first: the title, the UN document symbol and the date, from the first page
 * (its lines before furniture is removed, since symbols and dates sit in the masthead).
 */
import { DOCUMENT_SYMBOL } from './clean-lines';
import type { Line } from './model';
import type { ParagraphDraft } from './paragraphs';

export interface FirstPageFacts {
  title: string | null;
  symbol: string | null;
  date: string | null;
}

/** "79/217. International migration and development": the title line of a UN resolution. */
const RESOLUTION_TITLE = /^(\d{1,3})\/(\d{1,4})\.\s+(\S.*)$/;

/** Lines that name the issuer or the distribution, not the document. */
const MASTHEAD = [
  /^(united nations|nations unies|naciones unidas)\b/i,
  /^(general assembly|security council|economic and social council|assemblée générale|asamblea general)\b.*$/i,
  /\bdistr\.?\s*:/i,
  /^original\s*:/i,
  /^(agenda item|point \d|tema \d)/i,
  /^[\w-]+ (session|sesión)$/i,
  /^resolution adopted by the general assembly\b/i,
  /^corte interamericana de derechos humanos$/i,
];

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
};
const MONTH = Object.keys(MONTHS).join('|');
/** "19 December 2024", "1 juin 2025", "16 de abril de 1997", "1er juin 2025". */
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:er|º)?\\s+(?:de\\s+)?(${MONTH})\\s+(?:de\\s+)?(\\d{4})\\b`, 'i');
/** "December 19, 2024". */
const MONTH_DAY_YEAR = new RegExp(`\\b(${MONTH})\\s+(\\d{1,2}),\\s*(\\d{4})\\b`, 'i');
/** "April 2023", "July2025", "Juin 2025". */
const MONTH_YEAR = new RegExp(`\\b(${MONTH})\\s*(\\d{4})\\b`, 'i');
/** "19-04-2023", "19/04/2023", "2023-04-19". */
const NUMERIC_DATE = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b/;

/** A date and nothing else (brackets and a weekday allowed). */
const DATE_ONLY = new RegExp(
  `^[\\[(]?\\s*(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\\s+)?(?:\\d{1,2}(?:er)?\\s+(?:de\\s+)?)?(?:${MONTH})?\\s*(?:de\\s+)?(?:\\d{1,2},?\\s*)?\\d{4}\\s*[\\])]?$|^[\\[(]?\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}[\\])]?$`,
  'i',
);

export function isMasthead(text: string): boolean {
  const t = text.trim();
  if (MASTHEAD.some((re) => re.test(t))) return true;
  // A line made of a document symbol and little else.
  const rest = t.replace(new RegExp(DOCUMENT_SYMBOL.source, 'g'), '').trim();
  return rest !== t && rest.split(/\s+/).filter(Boolean).length <= 2;
}

export function isDateLine(text: string): boolean {
  return DATE_ONLY.test(text.trim());
}

/** Removes a trailing or leading date from a title line ("EVALUATION BRIEF July2025"). */
function withoutDates(text: string): string {
  let t = text;
  for (const re of [DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC_DATE, MONTH_YEAR]) t = t.replace(new RegExp(`[\\[(]?${re.source}[\\])]?`, 'gi'), ' ');
  // A preposition left hanging by the date ("… HUMANOS DEL 29 DE JULIO DE 1991", "… of 12 May 2020").
  return t
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:–-]+|[\s,;–-]+$/g, '')
    .replace(/\s+(del|de|du|des|of|on|le|el)$/i, '')
    .trim();
}

const words = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/** A title a user would recognise: not a masthead, not a date, at least three words. */
export function isAcceptableTitle(text: string): boolean {
  return !isMasthead(text) && !isDateLine(text) && words(text) >= 3;
}

export function firstPageFacts(lines: Line[], drafts: ParagraphDraft[], metadataTitle: string | null): FirstPageFacts {
  const firstPage = lines.length > 0 ? Math.min(...lines.map((l) => l.page)) : 1;
  const page = lines.filter((l) => l.page === firstPage);
  return {
    title: pickTitle(page, drafts, metadataTitle),
    symbol: findSymbol(page),
    date: findDate(page),
  };
}

function pickTitle(page: Line[], drafts: ParagraphDraft[], metadataTitle: string | null): string | null {
  const resolution = drafts.find((d) => d.page <= 2 && RESOLUTION_TITLE.test(d.text));
  if (resolution) return clip(resolution.text.match(RESOLUTION_TITLE)![3]);
  const blocks = titleBlocks(page);
  const body = bodySizeOf(page);
  const larger = blocks.filter((b) => b.size >= 1.1 * body && !isMasthead(b.text) && !isDateLine(b.text));
  const largest = (list: Block[]) => list.reduce<Block | null>((best, b) => (!best || b.size > best.size + 0.25 ? b : best), null);
  // 1. The largest block printed larger than the body, if it reads as a title (three words or more).
  const display = largest(larger.filter((b) => isAcceptableTitle(b.text)));
  if (display) return clip(display.text);
  // 2. The metadata title the author gave, when it is one (not a tool's name, a file name or a date).
  const meta = metadataTitle ? withoutDates(metadataTitle) : '';
  if (meta && !isMasthead(meta) && !isDateLine(meta) && words(meta) >= 2) return clip(meta);
  // 3. A title-like line at body size (three words or more, not a sentence), rather than a genre label
  //    in large print ("RÉSUMÉ D'ÉVALUATION"); failing that, the label or a short display line ("Executive summary").
  const titleLike = blocks.find((b) => isAcceptableTitle(b.text) && words(b.text) <= 30 && !/[.;]$/.test(b.text));
  if (titleLike) return clip(titleLike.text);
  const short = largest(larger.filter((b) => words(b.text) > 0));
  return short ? clip(short.text) : null;
}

interface Block {
  text: string;
  size: number;
}

/**
 * Consecutive first-page lines of one size, close together, as blocks; dates are cut out of
 * them, and a block ending with a colon ("Final Report:") runs on into the next.
 */
function titleBlocks(page: Line[]): Block[] {
  const blocks: { lines: Line[]; size: number }[] = [];
  for (const line of page) {
    const last = blocks[blocks.length - 1];
    const prev = last?.lines[last.lines.length - 1];
    const sameBlock =
      prev !== undefined &&
      prev.column === line.column &&
      Math.abs(prev.size - line.size) < 0.6 &&
      prev.y - line.y > 0 &&
      (prev.y - line.y <= 2 * line.size || (/:$/.test(prev.text.trim()) && prev.y - line.y <= 2.5 * line.size));
    if (sameBlock) last.lines.push(line);
    else blocks.push({ lines: [line], size: line.size });
  }
  return blocks
    .map((b) => ({ text: withoutDates(b.lines.map((l) => l.text.trim()).join(' ').replace(/-\s+(?=\p{Ll})/gu, '')), size: b.size }))
    .filter((b) => b.text !== '');
}

function bodySizeOf(page: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of page) weight.set(l.size, (weight.get(l.size) ?? 0) + l.text.length);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

function findSymbol(page: Line[]): string | null {
  for (const line of page) {
    const m = line.text.match(DOCUMENT_SYMBOL);
    if (m && /^(A|E|S|ST|CRC|CEDAW|CERD|CCPR|CMW|HRC|TD|UNEP|ECE|ECA|ECLAC|ESCAP|ESCWA)(\/|\.)/.test(m[0])) return m[0].replace(/[.,;]+$/, '');
  }
  return null;
}

function findDate(page: Line[]): string | null {
  const texts = page.map((l) => l.text);
  // UN resolutions: the adoption date ("Resolution adopted by the General Assembly" / "on 19 December 2024"),
  // not the distribution date of the masthead.
  const joined = texts.join(' ');
  const adopted = /adopted by the general assembly\s+on\s+(.{6,30}?\d{4})/i.exec(joined);
  const adoptionDate = adopted && parseDate(adopted[1]);
  if (adoptionDate) return adoptionDate;
  for (const t of texts) {
    const d = parseDate(t);
    if (d) return d;
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const valid = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** The first date in a line, as YYYY-MM-DD, or YYYY-MM when only the month is printed. */
export function parseDate(text: string): string | null {
  let m = DAY_MONTH_YEAR.exec(text);
  if (m) {
    const [d, mo, y] = [Number(m[1]), MONTHS[m[2].toLowerCase()], Number(m[3])];
    if (valid(y, mo, d)) return `${y}-${pad(mo)}-${pad(d)}`;
  }
  m = MONTH_DAY_YEAR.exec(text);
  if (m) {
    const [mo, d, y] = [MONTHS[m[1].toLowerCase()], Number(m[2]), Number(m[3])];
    if (valid(y, mo, d)) return `${y}-${pad(mo)}-${pad(d)}`;
  }
  m = NUMERIC_DATE.exec(text);
  if (m) {
    const [y, mo, d] = m[4] ? [Number(m[4]), Number(m[5]), Number(m[6])] : [Number(m[3]), Number(m[2]), Number(m[1])];
    if (valid(y, mo, d)) return `${y}-${pad(mo)}-${pad(d)}`;
  }
  m = MONTH_YEAR.exec(text);
  if (m) {
    const y = Number(m[2]);
    if (y >= 1900 && y <= 2100) return `${y}-${pad(MONTHS[m[1].toLowerCase()])}`;
  }
  return null;
}

function clip(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 197).trimEnd()}…`;
}
