// Writes a JsonValue byte for byte as Python's json.dump writes it — the recorder uses
// json.dump(..., indent=2) with the default ensure_ascii=True — in whatever layout the fixture
// already has (indented, indentation collapsed onto one line, or compact), so a re-recorded file
// differs from its original only where the answer differs.
import { pyFloatRepr } from '../ogx/pythonJsonDump';
import { RerecordError } from './errors';
import { MAX_DEPTH, PyFloat, isJsonObject, type JsonValue } from './jsonValue';

export interface JsonLayout {
  /**
   * indented: one value per line; flat: the indented form with each line break and its indentation
   * collapsed into `flatGap` (how the shared seeds look); compact: no line breaks at all.
   */
  readonly kind: 'indented' | 'flat' | 'compact';
  /** One level of indentation (indented layout). */
  readonly unit: string;
  /** The line break (indented layout). */
  readonly eol: string;
  /** What replaces a line break and its indentation (flat layout), usually one space. */
  readonly flatGap: string;
  /** Between a key and its value: Python writes ': '. */
  readonly keySeparator: string;
  /** Between items in compact layout: Python writes ', ', JSON.stringify ','. */
  readonly itemSeparator: string;
  /** Escape every character outside printable ASCII as \uXXXX (Python's default). */
  readonly ensureAscii: boolean;
}

/** What json.dump(value, f, indent=2) writes. */
export const PYTHON_INDENT_2: JsonLayout = { kind: 'indented', unit: '  ', eol: '\n', flatGap: ' ', keySeparator: ': ', itemSeparator: ',', ensureAscii: true };

/**
 * Serializes `value` as if it stood at a nesting level whose line starts with `baseIndent`: nested
 * lines get baseIndent plus one unit per level, the closing bracket gets baseIndent.
 */
export function writePythonJson(value: JsonValue, layout: JsonLayout, baseIndent = ''): string {
  const out: string[] = [];
  const gap = (depth: number): string => {
    if (layout.kind === 'indented') return layout.eol + baseIndent + layout.unit.repeat(depth);
    return layout.kind === 'flat' ? layout.flatGap : '';
  };
  const between = (depth: number): string => (layout.kind === 'compact' ? layout.itemSeparator : `,${gap(depth)}`);

  const write = (v: JsonValue, depth: number): void => {
    if (depth > MAX_DEPTH) throw new RerecordError('malformed', `values are nested deeper than ${MAX_DEPTH} levels`);
    if (v === null) out.push('null');
    else if (v === true) out.push('true');
    else if (v === false) out.push('false');
    else if (typeof v === 'string') out.push(pythonString(v, layout.ensureAscii));
    else if (typeof v === 'bigint') out.push(v.toString());
    else if (typeof v === 'number') out.push(Number.isInteger(v) ? String(v) : pyFloatRepr(v));
    else if (v instanceof PyFloat) out.push(pyFloatRepr(v.value));
    else if (Array.isArray(v)) {
      if (v.length === 0) {
        out.push('[]');
        return;
      }
      out.push('[', gap(depth + 1));
      v.forEach((item, i) => {
        if (i > 0) out.push(between(depth + 1));
        write(item, depth + 1);
      });
      out.push(gap(depth), ']');
    } else if (isJsonObject(v)) {
      if (v.size === 0) {
        out.push('{}');
        return;
      }
      out.push('{', gap(depth + 1));
      let first = true;
      for (const [key, item] of v) {
        if (!first) out.push(between(depth + 1));
        first = false;
        out.push(pythonString(key, layout.ensureAscii), layout.keySeparator);
        write(item, depth + 1);
      }
      out.push(gap(depth), '}');
    }
  };
  write(value, 0);
  return out.join('');
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
// ensure_ascii: everything outside ' '..'~' is escaped, one \uXXXX per UTF-16 unit (so astral characters become surrogate pairs, as Python writes them).
const ASCII_ESCAPED = /[\\"\u0000-\u001f\u007f-\uffff]/g;
// ensure_ascii=False: only quotes, backslashes and control characters; a lone surrogate (which UTF-8 cannot hold) is escaped too.
const UNICODE_ESCAPED = /[\\"\u0000-\u001f]|\p{Cs}/gu;

function escapeUnit(ch: string): string {
  return SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function pythonString(s: string, ensureAscii: boolean): string {
  return `"${s.replace(ensureAscii ? ASCII_ESCAPED : UNICODE_ESCAPED, escapeUnit)}"`;
}
