// The recorders' `_normalize_body_for_hash`: floats rounded to 5 places (exactly as Python rounds),
// decimals inside strings reformatted, file_search noise masked (v2). Only the normalized recipes
// need it, and only once the legacy recipe has failed to match.

import type { PyJson } from './pythonJsonParse';

// Exact decimal rounding. Python's round(x, 5) and f"{x:.5f}" round the exact
// binary value half-to-even; toFixed rounds ties up, so we use BigInt.

function scaledHalfEven(x: number, places: number): { negative: boolean; q: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  const mant = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp = biased === 0 ? -1074 : biased - 1075; // |x| = mant * 2**exp
  const num = mant * 10n ** BigInt(places);
  if (exp >= 0) return { negative: hi >>> 31 === 1, q: num << BigInt(exp) };
  const den = 1n << BigInt(-exp);
  let q = num / den;
  const twice = 2n * (num - q * den);
  if (twice > den || (twice === den && (q & 1n) === 1n)) q++;
  return { negative: hi >>> 31 === 1, q };
}

/** Python's `round(x, places)` for a float. */
export function pyRound(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const { negative, q } = scaledHalfEven(x, places);
  const v = Number(`${q}e-${places}`);
  return negative ? -v : v;
}

/** Python's `f"{x:.{places}f}"`. */
export function pyFormatFixed(x: number, places: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const { negative, q } = scaledHalfEven(x, places);
  const s = q.toString().padStart(places + 1, '0');
  return `${negative ? '-' : ''}${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
}

// ---------------------------------------------------------------------------
// Body normalization (`_normalize_body_for_hash`). Python's \d and \s are
// Unicode-aware, so the patterns use \p{Nd} and Python's whitespace set.

const PY_WS = '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';
const FLOAT_IN_STRING = /-?\p{Nd}+\.\p{Nd}{4,}/gu;
const FILE_SEARCH_MASKS: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(`score:${PY_WS}*[-+]?\\p{Nd}*\\.?\\p{Nd}+(?:[eE][-+]?\\p{Nd}+)?`, 'gu'), 'score: __NORMALIZED__'],
  [new RegExp(`,?${PY_WS}*attributes:${PY_WS}*\\{[^}]*\\}`, 'gu'), ''],
  [new RegExp(`document_id:${PY_WS}*${UUID}`, 'gu'), 'document_id: __NORMALIZED__'],
  [new RegExp(`<\\|${UUID}\\|>`, 'gu'), '<|__NORMALIZED__|>'],
];

export type NormalizeVariant = 'v1' | 'v2';

// float() accepts any Unicode decimal digit; Nd digits come in runs of ten, 0..9.
function toAsciiDigits(s: string): string {
  if (/^[-.0-9]*$/.test(s)) return s;
  return s.replace(/\p{Nd}/gu, (d) => {
    let cp = d.codePointAt(0)!;
    let n = 0;
    while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
      cp--;
      n++;
    }
    return String(n % 10);
  });
}

function normalizeString(s: string, variant: NormalizeVariant): string {
  let out = s;
  if (variant === 'v2') for (const [re, sub] of FILE_SEARCH_MASKS) out = out.replace(re, sub);
  return out.replace(FLOAT_IN_STRING, (m) => pyFormatFixed(Number(toAsciiDigits(m)), 5));
}

// Mirrors the recursion exactly, quirks included: list items are normalized
// as roots again (so v2 strips project_id inside them too), and
// stream_options is dropped at the top level only.
export function normalizeValue(v: PyJson, variant: NormalizeVariant, isRoot = true, dropStreamOptions = false): PyJson {
  switch (v.kind) {
    case 'float': return { kind: 'float', value: pyRound(v.value, 5) };
    case 'str': return { kind: 'str', value: normalizeString(v.value, variant) };
    case 'list': return { kind: 'list', items: v.items.map((item) => normalizeValue(item, variant)) };
    case 'dict': return normalizeDict(v.entries, variant, isRoot, dropStreamOptions);
    default: return v;
  }
}

function normalizeDict(entries: Map<string, PyJson>, variant: NormalizeVariant, isRoot: boolean, dropStreamOptions: boolean): PyJson {
  const out = new Map<string, PyJson>();
  for (const [k, item] of entries) out.set(k, normalizeValue(item, variant, false));
  if (dropStreamOptions) out.delete('stream_options');
  if (variant === 'v2' && isRoot) {
    for (const key of ['extra_body', 'extra_query']) {
      const extra = out.get(key);
      if (extra?.kind === 'dict') extra.entries.delete('project_id'); // a fresh copy: safe to edit
    }
  }
  return { kind: 'dict', entries: out };
}
