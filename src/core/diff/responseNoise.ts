// The noise of a response: the noise keys' values (ids, `created`, timestamps, fingerprints, obfuscation)
// gathered from every item in order and compared key by key, and whether the stream was cut into other
// chunks. A re-record of the same answer differs only here.
import type { ExchangeAnalysis } from '../analysis';
import type { JsonPath } from '../diagnostic';
import type { ChunkRow } from '../reassemble';
import { isNoiseKey } from './noiseRules';
import { shownValue } from './shownValue';
import type { NoiseTally } from './noiseTally';

interface NoiseValue {
  readonly item: number;
  /** The path of the object holding the key, inside the item. */
  readonly at: JsonPath;
  readonly key: string;
  readonly value: unknown;
}

/** Noise deeper than this in an item is not looked for: no API nests its ids that deep, and paths are copied per level. */
const MAX_DEPTH = 64;
/** An SSE line longer than this is not parsed for its ids (a stored `data:` line is one event, rarely this long). */
const MAX_EVENT_LINE = 1 << 20;

/** Every noise key's values, in item order with repeats folded, keyed by the key's name. */
function noiseValues(items: readonly unknown[]): Map<string, NoiseValue[]> {
  const out = new Map<string, NoiseValue[]>();
  const stack: [unknown, JsonPath][] = [];
  for (let item = 0; item < items.length; item++) {
    let root = items[item];
    // OGX keeps some streams as raw SSE lines: their ids are inside the `data:` payload.
    if (typeof root === 'string' && root.startsWith('data:') && root.length <= MAX_EVENT_LINE) {
      try {
        root = JSON.parse(root.slice(5));
      } catch {
        continue;
      }
    }
    stack.push([root, []]);
    while (stack.length > 0) {
      const [v, at] = stack.pop() as [unknown, JsonPath];
      if (v === null || typeof v !== 'object' || at.length > MAX_DEPTH) continue;
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) {
          const c: unknown = v[i];
          if (c !== null && typeof c === 'object') stack.push([c, [...at, i]]);
        }
        continue;
      }
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record);
      // Noise keys are taken in key order; other children are pushed last to first, so they are visited in file order.
      let children: string[] | undefined;
      for (const key of keys) {
        const c = record[key];
        if (!isNoiseKey(key)) {
          if (c !== null && typeof c === 'object') (children ??= []).push(key);
          continue;
        }
        let list = out.get(key);
        if (!list) out.set(key, (list = []));
        // A value repeated on every chunk (a stream's one id) is one value: runs are kept, not repeats.
        const last = list[list.length - 1];
        if (!last || !sameScalar(last.value, c)) list.push({ item, at, key, value: c });
      }
      if (children) for (let k = children.length - 1; k >= 0; k--) stack.push([record[children[k] as string], [...at, children[k] as string]]);
    }
  }
  // Objects are visited in file order, so each key's values are in file order.
  return out;
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Objects under a noise key (rare) are not compared further: they are noise whatever they hold.
  return a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
}

/** Noise keys' values that differ, run by run per key (a stream whose one id changed is one difference); the new side's path where there is one. */
export function diffResponseNoise(oldExchange: ExchangeAnalysis | undefined, newExchange: ExchangeAnalysis | undefined, tally: NoiseTally): void {
  const a = noiseValues(oldExchange?.items ?? []);
  const b = noiseValues(newExchange?.items ?? []);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  for (const key of keys) {
    const xs = a.get(key) ?? [];
    const ys = b.get(key) ?? [];
    for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
      const x = xs[i];
      const y = ys[i];
      if (x && y && sameScalar(x.value, y.value)) continue;
      tally.addLazy(() => {
        const [exchange, v] = y ? [newExchange, y] : [oldExchange, x as NoiseValue];
        return { path: [...(exchange?.itemPath(v.item) ?? []), ...v.at, v.key], old: shownValue(x?.value), new: shownValue(y?.value) };
      });
    }
  }
}

/** True when the two streams' items contribute different pieces (so the same answer was cut at other places). */
export function chunkBoundariesDiffer(oldRows: readonly ChunkRow[], newRows: readonly ChunkRow[]): boolean {
  const pieces = (rows: readonly ChunkRow[]) => rows.filter((r) => r.content !== '' || r.reasoning !== '' || r.refusal !== '' || r.tool !== '');
  const xs = pieces(oldRows);
  const ys = pieces(newRows);
  if (xs.length !== ys.length) return true;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as ChunkRow;
    const y = ys[i] as ChunkRow;
    if (x.choice !== y.choice || x.content !== y.content || x.reasoning !== y.reasoning || x.refusal !== y.refusal || x.tool !== y.tool) return true;
  }
  return false;
}
