// Credentials a recorder left in a cassette's request headers (`authorization`, `x-api-key`, Azure's
// `Ocp-Apim-Subscription-Key` …), with the certain fix: the recorder's own placeholder style where the file
// already shows one (`**REDACTED**`, `<ANTHROPIC_API_KEY>`, `AUTHORIZATION-XXX`), written so the YAML or JSON
// stays valid and the header still reads as a header.
import type { Exchange, Fixture, Header } from '../containers/types';
import { makeDiagnostic, type FixtureDiagnostic, type Span } from '../diagnostic';
import { AUTH_SCHEME, CREDENTIAL_HEADERS, isPlaceholder, looksRandom, previewSecret } from '../secrets';

/** Signed AWS requests carry a signature, not a key; the access key id in them is found by the text scan. */
const SIGNED = /^AWS4-HMAC-SHA256\b/;
/** Values that stand for a secret without being one: what recorders' filters and people write instead. */
/** What recorders' filters write beyond the placeholders every scan knows (vcrpy users' `**REDACTED**`, empty-looking values). */
const RECORDER_PLACEHOLDER = /^(?:\*+REDACTED\*+|none|null|undefined)$/i;
const PLACEHOLDER_WORDS = /redact|saniti[sz]ed|filtered|placeholder|xxxx|your[-_]?(?:api[-_]?)?key|changeme/i;

/** The credential part of a header value (after an auth scheme), or undefined when the value is no credential. */
function credentialOf(value: string): { readonly from: number; readonly credential: string } | undefined {
  if (SIGNED.test(value)) return undefined;
  const scheme = AUTH_SCHEME.exec(value);
  const from = scheme ? scheme[0].length : 0;
  const credential = value.slice(from).trim();
  if (credential.length < 16 || isPlaceholder(credential) || RECORDER_PLACEHOLDER.test(credential) || PLACEHOLDER_WORDS.test(credential) || !looksRandom(credential)) return undefined;
  return { from, credential };
}

export function isPlaceholderValue(value: string): boolean {
  const credential = value.replace(AUTH_SCHEME, '').trim();
  return credential === '' || isPlaceholder(credential) || RECORDER_PLACEHOLDER.test(credential) || PLACEHOLDER_WORDS.test(credential) || /-X{3,}$/.test(credential);
}

/** The placeholder the file's recorder already writes for credentials, when one is there. */
export function recorderPlaceholder(fixture: Fixture): string | undefined {
  for (const e of fixture.exchanges) {
    for (const h of e.request.headers) {
      if (!CREDENTIAL_HEADERS.has(h.name.toLowerCase())) continue;
      const bare = h.value.replace(AUTH_SCHEME, '').trim();
      if (bare !== '' && isPlaceholderValue(h.value)) return bare;
    }
  }
  return undefined;
}

/** Whether a placeholder can be written over part of the scalar that starts at `quote` without changing how it parses. */
function fitsScalar(placeholder: string, opening: string, atStart: boolean): boolean {
  if (opening === "'") return !placeholder.includes("'") && !/[\r\n]/.test(placeholder);
  if (opening === '"') return !/["\\\r\n]/.test(placeholder);
  // A plain YAML scalar: no indicator at its start, no `: ` or ` #` inside.
  if (/[\r\n]|: | #/.test(placeholder) || placeholder.endsWith(':')) return false;
  return !atStart || /^[A-Za-z0-9_<.(-]/.test(placeholder);
}

export function headerSecrets(text: string, fixture: Fixture, e: Exchange): FixtureDiagnostic[] {
  const out: FixtureDiagnostic[] = [];
  const placeholder = recorderPlaceholder(fixture);
  for (const h of e.request.headers) {
    if (!CREDENTIAL_HEADERS.has(h.name.toLowerCase())) continue;
    const found = credentialOf(h.value);
    if (!found) continue;
    const span = credentialSpan(h, found.from, found.credential.length);
    const where = fixture.exchanges.length > 1 ? `Exchange ${e.index + 1}: the` : 'The';
    const message = `${where} ${h.name} header holds a credential (${previewSecret(found.credential)}); replace it with a placeholder and rotate the key.`;
    const d = makeDiagnostic('secret-in-fixture', message, span.span, h.source.path, undefined, e.index);
    out.push(span.exact ? { ...d, fix: fixFor(text, h, span.span, placeholder) } : d);
  }
  return out;
}

function credentialSpan(h: Header, from: number, length: number): { readonly span: Span; readonly exact: boolean } {
  const at = h.source.offsetAt;
  if (!at) return { span: h.source.span, exact: false };
  const start = at(from);
  const end = at(from + length);
  return end > start ? { span: { start, end }, exact: true } : { span: h.source.span, exact: false };
}

function fixFor(fileText: string, h: Header, span: Span, placeholder: string | undefined): { title: string; span: Span; text: string } {
  // The stored value's first character: its quote, or the value itself when it is unquoted.
  const opening = fileText.charAt(h.source.span.start);
  const atStart = span.start === h.source.span.start;
  const text = placeholder !== undefined && fitsScalar(placeholder, opening, atStart) ? placeholder : 'REDACTED';
  return { title: `Replace the ${h.name} credential with ${text}`, span, text };
}
