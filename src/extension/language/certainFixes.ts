// The fixes that are certain, as plain text edits: each one is offered only when the text at the
// diagnostic's span is exactly what the fix expects, so a stale or unexpected span never gets edited.
import { formatPath, type FixtureAnalysis, type FixtureDiagnostic, type Span } from '../../core';
import { REDACTION } from '../../core/secrets';

export interface CertainFix {
  readonly title: string;
  readonly span: Span;
  readonly newText: string;
}

/** The codes some fix exists for; everything else (duplicate keys: which value is right?) is left to the user. */
export const FIXABLE_CODES: ReadonlySet<string> = new Set(['streaming-mismatch', 'request-stream-mismatch', 'byte-order-mark', 'secret-in-fixture']);

/** `textAt` reads the document between two offsets; the whole text is never needed. */
export function certainFix(d: FixtureDiagnostic, response: FixtureAnalysis['response'], textAt: (span: Span) => string): CertainFix | undefined {
  // The core proposes its own fix where only it knows the container (a cassette's header in the recorder's placeholder style).
  if (d.fix) {
    const target = textAt(d.fix.span);
    if (target === '' || target === d.fix.text) return undefined;
    return { title: d.fix.title, span: d.fix.span, newText: d.fix.text };
  }
  const current = textAt(d.span);
  switch (d.code) {
    case 'streaming-mismatch': {
      // The body's shape is the recording's truth: a list of chunks was streamed, one object was not.
      const body = response?.['body'];
      if (body === null || body === undefined) return undefined;
      return booleanFix(d, current, Array.isArray(body), 'is_streaming');
    }
    case 'request-stream-mismatch': {
      const flag = response?.['is_streaming'];
      return typeof flag === 'boolean' ? booleanFix(d, current, flag, formatPath(d.path)) : undefined;
    }
    case 'byte-order-mark':
      return current === '\uFEFF' ? { title: 'Remove the byte order mark', span: d.span, newText: '' } : undefined;
    case 'secret-in-fixture':
      return redaction(d.span, current);
    default:
      return undefined;
  }
}

function booleanFix(d: FixtureDiagnostic, current: string, wanted: boolean, name: string): CertainFix | undefined {
  if ((current !== 'true' && current !== 'false') || current === String(wanted)) return undefined;
  return { title: `Set ${name} to ${wanted}`, span: d.span, newText: String(wanted) };
}

/**
 * The core's placeholder, which it never flags, so redacting every span leaves no warning. A span is the
 * credential's characters inside a JSON string (the token after "Bearer ", the value of key=…: no quote
 * or escape in it); a span that covers a whole string, quotes included, keeps its quotes.
 */
function redaction(span: Span, current: string): CertainFix | undefined {
  const title = 'Redact the credential';
  if (current.length >= 2 && current.startsWith('"') && current.endsWith('"')) {
    return current === `"${REDACTION}"` ? undefined : { title, span, newText: `"${REDACTION}"` };
  }
  if (current === '' || current === REDACTION || /["\\\r\n]/.test(current)) return undefined;
  return { title, span, newText: REDACTION };
}
