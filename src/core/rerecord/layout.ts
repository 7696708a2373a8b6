// Reads how a fixture file is laid out (indentation unit, line breaks, separators, ASCII escaping) from
// the file itself, so the rewritten response is written in the same style as the text around it.
import { createScanner, type SyntaxKind } from 'jsonc-parser';
import { PYTHON_INDENT_2, type JsonLayout } from '../ogx/pythonJsonDump';

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read; these are its values.
const OPEN_BRACE = 1 as SyntaxKind;
const COLON = 6 as SyntaxKind;
const COMMA = 5 as SyntaxKind;
const LINE_BREAK = 14 as SyntaxKind;
const TRIVIA = 15 as SyntaxKind;
const EOF = 17 as SyntaxKind;

/** The white space after the first `{`, the first `:` and the first `,` of the text (outside strings). */
function firstGaps(text: string): { afterBrace?: string; afterColon?: string; afterComma?: string } {
  const scanner = createScanner(text, false);
  const gaps: { afterBrace?: string; afterColon?: string; afterComma?: string } = {};
  let pending: 'afterBrace' | 'afterColon' | 'afterComma' | undefined;
  let gap = '';
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === TRIVIA || kind === LINE_BREAK) {
      gap += scanner.getTokenValue();
      continue;
    }
    if (pending && gaps[pending] === undefined) gaps[pending] = gap;
    gap = '';
    pending = undefined;
    if (kind === OPEN_BRACE && gaps.afterBrace === undefined) pending = 'afterBrace';
    else if (kind === COLON && gaps.afterColon === undefined) pending = 'afterColon';
    else if (kind === COMMA && gaps.afterComma === undefined) pending = 'afterComma';
    if (gaps.afterBrace !== undefined && gaps.afterColon !== undefined && gaps.afterComma !== undefined) break;
  }
  return gaps;
}

/** The layout of a fixture text, told from its root object. Falls back to the recorder's own. */
export function detectLayout(text: string): JsonLayout {
  const gaps = firstGaps(text);
  // Raw characters outside ASCII (a BOM aside) mean the file was not written with ensure_ascii.
  const ensureAscii = !/[\u007f-\uffff]/.test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const afterBrace = gaps.afterBrace;
  const keySeparator = `:${gaps.afterColon ?? ' '}`;
  if (afterBrace === undefined) return { ...PYTHON_INDENT_2, ensureAscii };
  const lineBreak = /\r\n|\n|\r/.exec(afterBrace);
  if (lineBreak) {
    const eol = lineBreak[0];
    const unit = afterBrace.slice(afterBrace.lastIndexOf(eol.slice(-1)) + 1);
    return { kind: 'indented', unit, eol, flatGap: ' ', keySeparator, itemSeparator: ',', ensureAscii };
  }
  if (afterBrace.length > 0) return { kind: 'flat', unit: '', eol: '', flatGap: afterBrace, keySeparator, itemSeparator: ',', ensureAscii };
  return { kind: 'compact', unit: '', eol: '', flatGap: '', keySeparator, itemSeparator: `,${gaps.afterComma ?? ' '}`, ensureAscii };
}

/** The white space that starts the line holding `offset`. */
export function indentationOfLine(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const m = /^[ \t]*/.exec(text.slice(start, offset));
  return m ? m[0] : '';
}
