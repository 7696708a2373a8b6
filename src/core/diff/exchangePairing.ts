// Which exchange of the old file is which of the new: the longest common run of (method, URL) in order,
// and between two such anchors the exchanges left over paired by position (a request sent to another
// host is the same step of the run); what remains was added or removed.
import { diffArrays } from 'diff/lib/diff/array.js';
import type { ExchangeAnalysis } from '../analysis';

export interface ExchangePair {
  readonly old: number | null;
  readonly new: number | null;
}

/** Edits allowed to the alignment before it gives up and pairs by position (cassettes hold tens of exchanges, rarely thousands). */
const MAX_EDITS = 2000;

const keyOf = (e: ExchangeAnalysis): string => `${e.method} ${e.url}`;

export function pairExchanges(oldExchanges: readonly ExchangeAnalysis[], newExchanges: readonly ExchangeAnalysis[]): ExchangePair[] {
  const out: ExchangePair[] = [];
  const oldKeys = oldExchanges.map(keyOf);
  const newKeys = newExchanges.map(keyOf);
  const changes = oldKeys.length > 0 && newKeys.length > 0 ? diffArrays(oldKeys, newKeys, { maxEditLength: MAX_EDITS }) : undefined;
  if (!changes) {
    byPosition(0, oldKeys.length, 0, newKeys.length, out);
    return out;
  }
  let o = 0;
  let n = 0;
  let gapOld = 0;
  let gapNew = 0;
  for (const c of changes) {
    if (c.removed) o += c.count;
    else if (c.added) n += c.count;
    else {
      byPosition(gapOld, o, gapNew, n, out);
      for (let k = 0; k < c.count; k++) out.push({ old: o + k, new: n + k });
      o += c.count;
      n += c.count;
      gapOld = o;
      gapNew = n;
    }
  }
  byPosition(gapOld, o, gapNew, n, out);
  return out;
}

function byPosition(oldStart: number, oldEnd: number, newStart: number, newEnd: number, out: ExchangePair[]): void {
  const n = Math.min(oldEnd - oldStart, newEnd - newStart);
  for (let k = 0; k < n; k++) out.push({ old: oldStart + k, new: newStart + k });
  for (let k = oldStart + n; k < oldEnd; k++) out.push({ old: k, new: null });
  for (let k = newStart + n; k < newEnd; k++) out.push({ old: null, new: k });
}
