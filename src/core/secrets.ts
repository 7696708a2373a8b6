// The `secret-in-fixture` warning: credentials committed inside a fixture. Two sources: credential
// headers in `request.headers` (read from the parsed value), and, anywhere in the text, parsed or not,
// provider API keys, JSON Web Tokens, credentials in URL query parameters and `Bearer` tokens.
//
// Ranges. Every span covers exactly the secret's characters inside its JSON string: never the quotes,
// never an auth scheme such as `Bearer `, never the `key=` of a query parameter. A token found in the
// text holds only token characters; a header value's span is its raw content after the scheme, so it
// holds JSON escapes (`\u0041`, `\"`) when the file wrote the value with them. The Redact fix
// replaces the span with the bare text REDACTION (`REDACTED`, no quotes), which keeps the file valid
// JSON and the URL or header well-formed; REDACTION itself (and other placeholders) is never flagged,
// so redacting every span leaves a file without this warning.
//
// Messages show at most a 6-character prefix and the last 4 characters of a secret (only its length
// when it is shorter than 16), so neither the editor nor `fixture-lens validate` prints a whole key;
// a secret found in an object key is reported at the object, so that its path does not print it either.
//
// Cost. A clean 45 MB file should pay a small part of its JSON.parse time here. One regexp alternation
// of the prefixes costs 0.18-0.25x in V8 (it steps through every character); instead the text is
// searched with indexOf for anchors that every candidate contains and fixture text seldom does (`A`,
// `B`, `bearer`, `=`, `g`, `x`, `f_`, `k-`, `k_`, `8_`, `w_`, `yJ`), which V8 scans with memchr, some
// 4-5 ms a pass over 45 MB: about 0.15-0.2x in all for one-byte text, more once the text holds any
// character above U+00FF (V8 then stores it two bytes a character). Each hit costs a turn of a JS
// loop, so a common character (`-`, `_`) is no anchor on its own, and no pattern is longer than two
// characters (V8 searches most longer ones more slowly; `bearer` measured as fast). Only at a hit is a
// token matched (sticky regexps), and only for a reported secret is its path looked up.
import { formatPath, makeDiagnostic, type FixtureDiagnostic, type JsonPath, type Span } from './diagnostic';
import type { TextLocator } from './analysis';
import { asRecord, type JsonRecord } from './values';

/** What the Redact fix writes in place of a secret's span (bare text: the span is inside a string). */
export const REDACTION = 'REDACTED';

/** At most this many secrets are reported per file; past that, one more changes nothing for the reader. */
export const MAX_SECRET_DIAGNOSTICS = 50;

/** Header names whose value is a credential, lower-cased (HTTP header names are case-insensitive). */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'ocp-apim-subscription-key', 'x-subscription-token']);

interface Family {
  readonly label: string;
  /** The whole token, anchored where its prefix starts; group 1 is the part that must look random. */
  readonly token: RegExp;
  /** Fixed-format keys (AWS, Google) are specific enough without the randomness test. */
  readonly fixed?: boolean;
}

// Tried in order at a candidate; the first that matches decides (so `sk-ant-` before `sk-`).
const FAMILY_LIST: readonly Family[] = [
  { label: 'an Anthropic API key', token: /sk-ant-([A-Za-z0-9_-]{20,})/y },
  { label: 'an OpenAI API key', token: /sk-([A-Za-z0-9_-]{20,})/y },
  { label: 'a Groq API key', token: /gsk_([A-Za-z0-9]{20,})/y },
  { label: 'an AWS access key ID', token: /AKIA([0-9A-Z]{16})(?![A-Za-z0-9_-])/y, fixed: true },
  { label: 'an AWS temporary access key ID', token: /ASIA([0-9A-Z]{16})(?![A-Za-z0-9_-])/y, fixed: true },
  { label: 'a Google API key', token: /AIza([0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/y, fixed: true },
  { label: 'a GitHub token', token: /gh[pousr]_([A-Za-z0-9]{30,})/y },
  { label: 'a GitHub token', token: /github_pat_([A-Za-z0-9_]{30,})/y },
  { label: 'an xAI API key', token: /xai-([A-Za-z0-9]{20,})/y },
  { label: 'a Hugging Face token', token: /hf_([A-Za-z0-9]{20,})/y },
  { label: 'a Slack token', token: /xox[baprs]-([A-Za-z0-9-]{10,})/y },
  { label: 'a Stripe secret key', token: /sk_live_([A-Za-z0-9]{20,})/y },
  { label: 'a Stripe restricted key', token: /rk_live_([A-Za-z0-9]{20,})/y },
  { label: 'a Replicate API token', token: /r8_([A-Za-z0-9]{30,})/y },
  { label: 'a Perplexity API key', token: /pplx-([A-Za-z0-9]{40,})/y },
  { label: 'a Fireworks API key', token: /fw_([A-Za-z0-9]{20,})/y },
  // Header and payload are base64url JSON objects, so both start with eyJ ({"); group 1 is the signature.
  { label: 'a JSON Web Token', token: /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.([A-Za-z0-9_-]{16,})/y, fixed: true },
];
/** With the first character of each token, so that a candidate tries only the families it can start. */
const FAMILIES = FAMILY_LIST.map((f) => ({ ...f, first: f.token.source.charCodeAt(0) }));

/** Query parameters that carry a credential, after `?`, `&` or `#`, in any case (`?Key=`, `?ACCESS_TOKEN=`). */
const CREDENTIAL_PARAMS = new Set(['key', 'api_key', 'apikey', 'api-key', 'access_token', 'auth_token', 'token']);
/** The longest name in CREDENTIAL_PARAMS. */
const MAX_PARAM_NAME = 12;
/** A query parameter's value: URL characters, up to the next parameter, the string's end or an escape. */
const PARAM_VALUE = /[A-Za-z0-9._~%+\/=-]+/y;
/** `Bearer <token>` (RFC 6750's b64token); the scheme as HTTP writes it, `Bearer`, `BEARER` or `bearer`. */
const BEARER = /(?:Bearer|BEARER|bearer)[ \t]+([A-Za-z0-9._~+\/-]+=*)/y;
/** An auth scheme in front of a header's credential. */
export const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Bot|Key)[ \t]+/i;
/** Values that stand for a secret without being one: redactions, masks, templates, examples. */
const PLACEHOLDER = /^(?:REDACTED|\[REDACTED\]|<[^<>]*>|\*+|x+|\.\.\.|…|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\{\{[^{}]*\}\})$/i;

/** Whether a value stands for a secret without being one (the forms every scan here leaves alone). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** Generic tokens (not fixed-format keys) must mix at least two of lower case, upper case and digits. */
export function looksRandom(s: string): boolean {
  const classes = (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/[0-9]/.test(s) ? 1 : 0);
  return classes >= 2;
}

const LOWER_WORD = /^[a-z]+[0-9]*$/;
const UPPER_WORD = /^[A-Z]+[0-9]*$/;
const DIGITS = /^[0-9]+$/;

/**
 * Words joined by `-`, `_` or `.`, each all lower case or each all upper case, digits only at a word's
 * end: a name (`learn-contrib-imbalanced2`, `YOUR_API_KEY_1234567`), which random key material never is.
 */
function wordLike(s: string): boolean {
  const parts = s.split(/[-_.]/);
  const lower = parts.every((p) => DIGITS.test(p) || LOWER_WORD.test(p));
  const upper = parts.every((p) => DIGITS.test(p) || UPPER_WORD.test(p));
  return (lower || upper) && parts.every((p) => p !== '');
}

/** Made-up key material: the word "example", or seven digits counting up (`1234567890`). */
const MADE_UP = /example|0123456|1234567|2345678|3456789/i;

/** A character of a credential parameter's name: a letter, `_` or `-`. */
function isParamChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

function isTokenChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** True when a token may start at `i`: not glued to a word before it (a JSON escape such as `\n` does not count). */
function startsWord(text: string, i: number): boolean {
  if (!isTokenChar(text.charCodeAt(i - 1))) return true;
  if (!'nrtbf'.includes(text.charAt(i - 1))) return false;
  let k = i - 2;
  while (text.charCodeAt(k) === 92) k--;
  return (i - 2 - k) % 2 === 1;
}

interface Secret {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** The provider key whose prefix starts at `i`, if there is one. */
function familyTokenAt(text: string, i: number): Secret | undefined {
  const first = text.charCodeAt(i);
  for (const f of FAMILIES) {
    if (f.first !== first) continue;
    f.token.lastIndex = i;
    const m = f.token.exec(text);
    if (!m) continue;
    const body = m[1] ?? '';
    if (MADE_UP.test(body) || (!f.fixed && (!looksRandom(body) || wordLike(body)))) return undefined;
    return { start: i, end: i + m[0].length, label: f.label };
  }
  return undefined;
}

/** A credential value (query parameter, bearer token) at [start, end), named by its family when it is a known key. */
function credentialAt(text: string, start: number, end: number, generic: string): Secret | undefined {
  const value = text.slice(start, end);
  if (value.length < 16 || PLACEHOLDER.test(value) || !looksRandom(value) || wordLike(value) || MADE_UP.test(value)) return undefined;
  const known = familyTokenAt(text, start);
  return { start, end, label: known?.end === end ? known.label : generic };
}

/** The secret a candidate starting at `i` holds, if it is one. */
function secretAt(text: string, i: number): Secret | undefined {
  const c = text.charCodeAt(i);
  if (c === 63 || c === 38 || c === 35) {
    // ?key=…, &api_key=…, #access_token=…
    const eq = text.indexOf('=', i);
    PARAM_VALUE.lastIndex = eq + 1;
    const m = PARAM_VALUE.exec(text);
    return m ? credentialAt(text, eq + 1, eq + 1 + m[0].length, `a credential in the URL's ${text.slice(i + 1, eq)} parameter`) : undefined;
  }
  if (!startsWord(text, i)) return undefined;
  if (c === 66 || c === 98) {
    BEARER.lastIndex = i;
    const m = BEARER.exec(text);
    const token = m?.[1];
    return m && token ? credentialAt(text, i + m[0].length - token.length, i + m[0].length, 'a bearer token') : undefined;
  }
  return familyTokenAt(text, i);
}

/** `"sk-pro…4f2a"`: enough to recognise a key, never enough to use it. */
export function previewSecret(secret: string): string {
  if (secret.length < 16) return `a ${secret.length}-character value`;
  let head = secret.slice(0, 6);
  let tail = secret.slice(-4);
  // Never cut a surrogate pair in half.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  if (/^[\uDC00-\uDFFF]/.test(tail)) tail = tail.slice(1);
  return `"${head}…${tail}"`;
}

/** Paths into pathologically nested values are cut in messages (the diagnostic's own path stays whole). */
const MAX_PATH_IN_MESSAGE = 24;

function message(path: JsonPath, inKey: boolean, label: string, secret: string): string {
  const shown = path.length > MAX_PATH_IN_MESSAGE ? `${formatPath(path.slice(0, MAX_PATH_IN_MESSAGE))}…` : formatPath(path);
  const where = inKey ? `${shown}: a key` : `${shown}:`;
  return `${where} looks like ${label} (${previewSecret(secret)}): redact it and rotate the key`;
}

function itemOf(path: JsonPath, itemCount: number): number | undefined {
  return path[0] === 'response' && path[1] === 'body' && typeof path[2] === 'number' && path[2] < itemCount ? path[2] : undefined;
}

/** True when the string holding `end` is an object key: its closing quote is followed by a colon. */
function endsInKey(text: string, end: number): boolean {
  let j = text.indexOf('"', end);
  while (j !== -1) {
    let k = j - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((j - 1 - k) % 2 === 0) break;
    j = text.indexOf('"', j + 1);
  }
  if (j === -1) return false;
  for (let k = j + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 58) return true;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return false;
}

/** Non-empty credential headers: the span is the header value's content less any auth scheme. */
function headerSecrets(text: string, request: JsonRecord | undefined, locator: TextLocator, out: FixtureDiagnostic[]): void {
  const headers = asRecord(request?.['headers']);
  if (!headers) return;
  for (const name of Object.keys(headers)) {
    if (out.length >= MAX_SECRET_DIAGNOSTICS) return;
    if (!CREDENTIAL_HEADERS.has(name.toLowerCase()) || typeof headers[name] !== 'string') continue;
    const path = ['request', 'headers', name];
    const located = locator.locate(path);
    if (!located || located.depth !== path.length) continue;
    const { start, end } = located.span;
    if (end - start < 2 || text.charCodeAt(start) !== 34 || text.charCodeAt(end - 1) !== 34) continue;
    // The value is read from the text, not the parsed object: with a duplicate key the two differ, and the span is the text's.
    let value: string;
    try {
      value = JSON.parse(text.slice(start, end)) as string;
    } catch {
      continue;
    }
    const rawScheme = AUTH_SCHEME.exec(text.slice(start + 1, Math.min(end - 1, start + 33)))?.[0] ?? '';
    const credential = value.slice(AUTH_SCHEME.exec(value)?.[0].length ?? 0).trim();
    const from = start + 1 + rawScheme.length;
    if (credential === '' || from >= end - 1 || PLACEHOLDER.test(credential)) continue;
    const known = familyTokenAt(text, from);
    const label = known?.end === end - 1 ? known.label : 'an API key';
    out.push(makeDiagnostic('secret-in-fixture', message(path, false, label, credential), { start: from, end: end - 1 }, path));
  }
}

/**
 * Where candidates start, in text order. One indexOf sweep per anchor; the loops are written
 * out, not driven by a table of callbacks, so that each stays monomorphic and V8 keeps it tight.
 */
function candidates(t: string): number[] {
  const out: number[] = [];
  // AKIA…, ASIA…, AIza…
  for (let i = t.indexOf('A'); i !== -1; i = t.indexOf('A', i + 1)) {
    if (t.startsWith('KIA', i + 1) || t.startsWith('SIA', i + 1) || t.startsWith('Iza', i + 1)) out.push(i);
  }
  // Bearer …, BEARER …
  for (let i = t.indexOf('B'); i !== -1; i = t.indexOf('B', i + 1)) {
    if (t.startsWith('earer', i + 1) || t.startsWith('EARER', i + 1)) out.push(i);
  }
  // bearer …, the whole word: V8 finds it as fast as a two-character pattern, and `b` alone is a common letter.
  for (let i = t.indexOf('bearer'); i !== -1; i = t.indexOf('bearer', i + 6)) out.push(i);
  // ghp_… (and gho_, ghu_, ghs_, ghr_), github_pat_…, gsk_…
  for (let i = t.indexOf('g'); i !== -1; i = t.indexOf('g', i + 1)) {
    const c = t.charCodeAt(i + 1);
    const gh = c === 104 && t.charCodeAt(i + 3) === 95 && 'pousr'.includes(t.charAt(i + 2));
    if (gh || (c === 115 && t.startsWith('k_', i + 2)) || (c === 105 && t.startsWith('thub_pat_', i + 2))) out.push(i);
  }
  // hf_…, found from `f_`: V8 searches a two-character pattern faster than a longer one.
  for (let i = t.indexOf('f_'); i !== -1; i = t.indexOf('f_', i + 2)) if (t.charCodeAt(i - 1) === 104) out.push(i - 1);
  // sk-…, sk-ant-…, from `k-`: `-` alone is common (ids, dates, model names) and each hit costs a turn of the loop.
  for (let i = t.indexOf('k-'); i !== -1; i = t.indexOf('k-', i + 2)) if (t.charCodeAt(i - 1) === 115) out.push(i - 1);
  // sk_live_…, rk_live_…
  for (let i = t.indexOf('k_'); i !== -1; i = t.indexOf('k_', i + 2)) {
    const c = t.charCodeAt(i - 1);
    if ((c === 115 || c === 114) && t.startsWith('live_', i + 2)) out.push(i - 1);
  }
  // r8_…
  for (let i = t.indexOf('8_'); i !== -1; i = t.indexOf('8_', i + 2)) if (t.charCodeAt(i - 1) === 114) out.push(i - 1);
  // fw_…
  for (let i = t.indexOf('w_'); i !== -1; i = t.indexOf('w_', i + 2)) if (t.charCodeAt(i - 1) === 102) out.push(i - 1);
  // eyJ… (a JSON Web Token)
  for (let i = t.indexOf('yJ'); i !== -1; i = t.indexOf('yJ', i + 2)) if (t.charCodeAt(i - 1) === 101) out.push(i - 1);
  // xai-…, xoxb-… (and xoxa, xoxp, xoxr, xoxs), pplx-…
  for (let i = t.indexOf('x'); i !== -1; i = t.indexOf('x', i + 1)) {
    const c = t.charCodeAt(i + 1);
    if (c === 45) {
      if (t.startsWith('ppl', i - 3)) out.push(i - 3);
    } else if (c === 97) {
      if (t.charCodeAt(i + 2) === 105 && t.charCodeAt(i + 3) === 45) out.push(i);
    } else if (c === 111 && t.charCodeAt(i + 2) === 120) {
      const d = t.charCodeAt(i + 3);
      if ((d === 97 || d === 98 || d === 112 || d === 114 || d === 115) && t.charCodeAt(i + 4) === 45) out.push(i);
    }
  }
  // ?key=…, &api_key=…, #access_token=…, ?Key=…: the name is read back from the `=`, at most MAX_PARAM_NAME characters.
  for (let i = t.indexOf('='); i !== -1; i = t.indexOf('=', i + 1)) {
    let at = i - 1;
    while (at >= 0 && i - at <= MAX_PARAM_NAME && isParamChar(t.charCodeAt(at))) at--;
    const c = t.charCodeAt(at);
    if (at < i - 1 && (c === 63 || c === 38 || c === 35) && CREDENTIAL_PARAMS.has(t.slice(at + 1, i).toLowerCase())) out.push(at);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Every credential-looking value in a fixture text, as `secret-in-fixture` warnings. `request` is the
 * parsed `request` object when there is one; the text alone is searched for the rest, parsed or not.
 * `itemCount` is the number of response items parsed: a secret in one of them names it.
 */
export function findSecrets(text: string, request: JsonRecord | undefined, locator: TextLocator, itemCount = 0): FixtureDiagnostic[] {
  const out: FixtureDiagnostic[] = [];
  headerSecrets(text, request, locator, out);
  const taken: Span[] = out.map((d) => d.span);
  let reachedEnd = -1;
  for (const start of candidates(text)) {
    if (out.length >= MAX_SECRET_DIAGNOSTICS) break;
    // A candidate inside a secret already reported (`sk-` after `Bearer `, `AIza` after `?key=`) is the same secret.
    if (start < reachedEnd || taken.some((s) => start >= s.start && start < s.end)) continue;
    const secret = secretAt(text, start);
    if (!secret) continue;
    reachedEnd = secret.end;
    if (taken.some((s) => secret.start < s.end && secret.end > s.start)) continue;
    const inKey = endsInKey(text, secret.end);
    const found = locator.pathAt(secret.start) ?? [];
    const path = inKey ? found.slice(0, -1) : found;
    const value = text.slice(secret.start, secret.end);
    out.push(makeDiagnostic('secret-in-fixture', message(path, inKey, secret.label, value), { start: secret.start, end: secret.end }, path, itemOf(path, itemCount)));
  }
  return out;
}
