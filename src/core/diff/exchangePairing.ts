// Which exchange of the old file is which of the new: first the longest common run of identical requests
// (method, URL and body: an exchange re-recorded unchanged), then between those the longest common run of
// (method, URL) in order, and between those the exchanges left over paired by position (a request sent to
// another host is the same step of the run); what remains was added or removed.
import { diffArrays } from 'diff/lib/diff/array.js';
import type { ExchangeAnalysis } from '../analysis';

export interface ExchangePair {
  readonly old: number | null;
  readonly new: number | null;
}

/** Edits allowed to an alignment before it gives up and pairs by position (cassettes hold tens of exchanges, rarely thousands). */
const MAX_EDITS = 2000;

const routeOf = (e: ExchangeAnalysis): string => `${e.method} ${e.url}`;

function requestOf(e: ExchangeAnalysis, i: number): string {
  try {
    return `${routeOf(e)} ${JSON.stringify(e.request?.['body'] ?? null)}`;
  } catch {
    // Nested deeper than JSON.stringify goes: matched by nothing but itself.
    return `\u0000${i}`;
  }
}

/** Index pairs of the longest common subsequence of two key lists (none when the alignment would take too many edits). */
function commonRun(oldKeys: readonly string[], newKeys: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  if (oldKeys.length === 0 || newKeys.length === 0) return out;
  const changes = diffArrays([...oldKeys], [...newKeys], { maxEditLength: MAX_EDITS });
  if (!changes) return out;
  let o = 0;
  let n = 0;
  for (const c of changes) {
    if (c.removed) o += c.count;
    else if (c.added) n += c.count;
    else {
      for (let k = 0; k < c.count; k++) out.push([o + k, n + k]);
      o += c.count;
      n += c.count;
    }
  }
  return out;
}

type Range = readonly [oldStart: number, oldEnd: number, newStart: number, newEnd: number];

/** Pairs the anchors of `keys` inside a range, and hands each stretch between them to `between`. */
function anchored(range: Range, oldKeys: readonly string[], newKeys: readonly string[], out: ExchangePair[], between: (r: Range) => void): void {
  const [os, oe, ns, ne] = range;
  let o = os;
  let n = ns;
  for (const [i, j] of commonRun(oldKeys.slice(os, oe), newKeys.slice(ns, ne))) {
    between([o, os + i, n, ns + j]);
    out.push({ old: os + i, new: ns + j });
    o = os + i + 1;
    n = ns + j + 1;
  }
  between([o, oe, n, ne]);
}

export function pairExchanges(oldExchanges: readonly ExchangeAnalysis[], newExchanges: readonly ExchangeAnalysis[]): ExchangePair[] {
  const out: ExchangePair[] = [];
  const oldRequests = oldExchanges.map(requestOf);
  const newRequests = newExchanges.map(requestOf);
  const oldRoutes = oldExchanges.map(routeOf);
  const newRoutes = newExchanges.map(routeOf);
  anchored([0, oldExchanges.length, 0, newExchanges.length], oldRequests, newRequests, out, (gap) => anchored(gap, oldRoutes, newRoutes, out, (rest) => byPosition(rest, out)));
  return out;
}

function byPosition([oldStart, oldEnd, newStart, newEnd]: Range, out: ExchangePair[]): void {
  const n = Math.min(oldEnd - oldStart, newEnd - newStart);
  for (let k = 0; k < n; k++) out.push({ old: oldStart + k, new: newStart + k });
  for (let k = oldStart + n; k < oldEnd; k++) out.push({ old: k, new: null });
  for (let k = newStart + n; k < newEnd; k++) out.push({ old: null, new: k });
}
