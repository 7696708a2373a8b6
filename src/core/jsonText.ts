// Text -> JSON value with syntax diagnostics. JSON.parse does the work when the text is valid; only
// when it is not does jsonc-parser run, to say where and why, and to recover what it can (JSONC with
// comments or trailing commas still yields a complete value, so such a file still opens).
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { makeDiagnostic, type FixtureDiagnostic } from './diagnostic';
import { MAX_NESTING, scanJson, type ScanResult } from './jsonScan';

export interface ParsedText {
  /** The value, complete when `complete` is true, else what could be recovered (possibly undefined). */
  readonly value: unknown;
  readonly complete: boolean;
  /** True when the text is strict JSON (JSON.parse accepted it), not JSONC. */
  readonly strict: boolean;
  /** The structural scan, made on first use: a clean file that needs no position never pays for it. */
  readonly scan: () => ScanResult;
  readonly diagnostics: FixtureDiagnostic[];
}

const MAX_SYNTAX_DIAGNOSTICS = 20;

const emptyScan = (): ScanResult => scanJson('');

// Keyed by jsonc-parser's error names (its codes are a const enum, which isolated modules cannot read).
const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace expected',
  CloseBracketExpected: 'Closing bracket expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Control character in string',
};

export function parseJsonText(text: string): ParsedText {
  const diagnostics: FixtureDiagnostic[] = [];
  const whole = { start: 0, end: text.length };
  if (text.trim() === '' || text === '\uFEFF') {
    diagnostics.push(makeDiagnostic('empty-file', 'The file is empty: a fixture is a JSON object with "request" and "response".', whole, []));
    return { value: undefined, complete: false, strict: false, scan: emptyScan, diagnostics };
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    diagnostics.push(makeDiagnostic('not-text', `The file holds a NUL byte at offset ${nul}: it is binary, not JSON.`, whole, []));
    return { value: undefined, complete: false, strict: false, scan: emptyScan, diagnostics };
  }
  let from = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    from = 1;
    diagnostics.push(makeDiagnostic('byte-order-mark', 'The file starts with a UTF-8 byte order mark, which JSON readers such as Python\'s json.load reject.', { start: 0, end: 1 }, []));
  }
  let scanned: ScanResult | undefined;
  const scan = (): ScanResult => (scanned ??= scanJson(text, from));
  // A BOM is blanked rather than cut off so that every offset stays the text's own.
  const body = from === 0 ? text : ` ${text.slice(1)}`;
  try {
    return { value: JSON.parse(body), complete: true, strict: true, scan, diagnostics };
  } catch {
    // Fall through to the slow path, which says where the text is wrong.
  }
  // One lenient pass recovers the value (and, for broken text, finds the real error); only a text that is
  // valid JSONC needs a second, strict pass, to list each comment and trailing comma. Large broken files
  // thus pay for one slow parse, not two.
  const lenientErrors: ParseError[] = [];
  const errors: ParseError[] = [];
  let value: unknown;
  try {
    value = parse(body, lenientErrors, { allowTrailingComma: true, allowEmptyContent: false });
    if (lenientErrors.length === 0) parse(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // jsonc-parser recurses: text nested this deep cannot be recovered, only located.
    const at = scan().tooDeepAt;
    diagnostics.push(makeDiagnostic('nesting-too-deep', `Values nest deeper than ${MAX_NESTING} levels; the file is not analysed further.`, at === -1 ? whole : { start: at, end: at + 1 }, []));
    return { value: undefined, complete: false, strict: false, scan, diagnostics };
  }
  // JSONC: each comment and trailing comma is its own problem, so all are listed. Broken text: the first
  // error is the cause and the rest are its echoes, so only the first is reported.
  const reported = lenientErrors.length === 0 ? errors.slice(0, MAX_SYNTAX_DIAGNOSTICS) : lenientErrors.slice(0, 1);
  for (const err of reported) {
    const d = syntaxDiagnostic(text, err);
    // A trailing comma in an object comes as two errors (property name, then value expected) at one place: say it once.
    const last = diagnostics[diagnostics.length - 1];
    if (last?.span.start === d.span.start && last.span.end === d.span.end && last.message === d.message) continue;
    diagnostics.push(d);
  }
  if (reported.length === 0) {
    // JSON.parse refused something jsonc-parser accepts strictly (e.g. a lone surrogate escape is fine
    // for both; this is defensive): report it at the start rather than say nothing.
    diagnostics.push(makeDiagnostic('json-syntax', 'The text is not valid JSON.', { start: from, end: Math.min(text.length, from + 1) }, []));
  }
  return { value, complete: lenientErrors.length === 0, strict: false, scan, diagnostics };
}

function syntaxDiagnostic(text: string, err: ParseError): FixtureDiagnostic {
  const start = Math.min(text.length, err.offset);
  let span = { start, end: Math.min(text.length, start + Math.max(1, err.length)) };
  const name = printParseErrorCode(err.error);
  let message = MESSAGES[name] ?? name;
  if (name === 'PropertyNameExpected' || name === 'ValueExpected') {
    // jsonc-parser reports a trailing comma at the bracket after it; point at the comma instead.
    const c = text.charCodeAt(start);
    if (c === 125 || c === 93) {
      let k = start - 1;
      while (k > 0 && /\s/.test(text.charAt(k))) k--;
      if (text.charCodeAt(k) === 44) {
        span = { start: k, end: k + 1 };
        message = 'Trailing comma is not allowed in JSON';
      }
    }
  }
  // An error that reaches the end of the text (an unterminated string, a missing bracket) is a cut-off file.
  if (name !== 'InvalidSymbol' && name !== 'InvalidCharacter' && text.slice(start + Math.max(0, err.length)).trim() === '') message += ' (the file ends here: it may have been cut off)';
  return makeDiagnostic('json-syntax', message, span, []);
}

/** A stable, engine-independent sentence on why a text is not JSON, e.g. "comma expected at character 21". */
export function describeJsonError(text: string): string {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return 'nested too deeply to read';
  }
  const first = errors[0];
  if (!first) return 'not valid JSON';
  const name = printParseErrorCode(first.error);
  const what = (MESSAGES[name] ?? name).toLowerCase();
  return first.offset >= text.length ? `${what} at the end` : `${what} at character ${first.offset + 1}`;
}
