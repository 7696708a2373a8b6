// Character classes of YAML 1.1 as libyaml and PyYAML read them (NEL, LS and PS are line breaks there).

export const SPACE = 0x20;
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const NEL = 0x85;
export const LS = 0x2028;
export const PS = 0x2029;
export const BOM = 0xfeff;

export function isBreak(c: number): boolean {
  return c === LF || c === CR || c === NEL || c === LS || c === PS;
}

export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** A blank, a line break or the end of the text (charCodeAt past the end is NaN). */
export function isBlankOrEnd(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || c === NEL || c === LS || c === PS || Number.isNaN(c);
}

/** Length of the line break at i (2 for CRLF), 0 when there is none. */
export function breakLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === CR) return text.charCodeAt(i + 1) === LF ? 2 : 1;
  return c === LF || c === NEL || c === LS || c === PS ? 1 : 0;
}

/** What a line break reads as: LS and PS stay themselves, every other break is a newline. */
export function breakValue(text: string, i: number): string {
  const c = text.charCodeAt(i);
  return c === LS || c === PS ? String.fromCharCode(c) : '\n';
}

/** `---` or `...` at i followed by a blank, a break or the end: a document marker where a line starts. */
export function isDocumentMarker(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== 0x2d && c !== 0x2e) return false;
  return text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c && isBlankOrEnd(text.charCodeAt(i + 3));
}

export function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Anchor and tag-handle characters: `[0-9A-Za-z_-]`. */
export function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

/** A character as an error message names it. */
export function describeChar(text: string, i: number): string {
  if (i >= text.length) return 'end of stream';
  const c = text.charCodeAt(i);
  if (c === LF || c === CR) return 'a line break';
  if (c === TAB) return 'a tab';
  if (c < 0x20 || c === 0x7f) return `character U+${c.toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${String.fromCodePoint(text.codePointAt(i) ?? c)}'`;
}
