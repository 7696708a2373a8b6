// Where a chunk that could not be read would have added to the answer: the core skips such a chunk (its schema is
// wrong, it belongs to another API, its event is not JSON), so the assembled text reads on as if nothing were
// missing. Each one is marked in the text at the place it would have gone, with the number the timeline shows.
import type { ExchangeAnalysis, FixtureDiagnostic } from '../../core';
import { GAP_CLOSE, GAP_OPEN, type GapView } from '../../shared/protocol';
import type { Timeline } from './timelineRows';

/** Codes of problems that make a chunk unreadable (a warning about a readable chunk leaves no gap). */
const UNREADABLE = new Set(['chunk-schema', 'mixed-dialect', 'event-not-json']);

export interface ChoiceGaps {
  /** The content with a GAP_OPEN number GAP_CLOSE mark at each gap. */
  readonly content: string;
  readonly gaps: GapView[];
}

interface Gap {
  readonly item: number;
  readonly choice: number;
  readonly chunk: number;
}

/** The choice a problem's path points into (`…choices[k]…`), else the first choice. */
function choiceOf(d: FixtureDiagnostic, choices: readonly number[]): number {
  const at = d.path.indexOf('choices');
  const k = at === -1 ? undefined : d.path[at + 1];
  if (typeof k === 'number' && k < choices.length) return choices[k] as number;
  return choices[0] ?? 0;
}

export function answerGaps(exchange: Pick<ExchangeAnalysis, 'rows' | 'reassembly' | 'index'>, diagnostics: readonly FixtureDiagnostic[], timeline: Timeline): Map<number, ChoiceGaps> {
  const out = new Map<number, ChoiceGaps>();
  const choices = exchange.reassembly.choices.map((c) => c.index);
  const gaps: Gap[] = [];
  const seen = new Set<number>();
  for (const d of diagnostics) {
    if (d.item === undefined || d.severity !== 'error' || !UNREADABLE.has(d.code) || (d.exchange ?? 0) !== exchange.index || seen.has(d.item)) continue;
    seen.add(d.item);
    gaps.push({ item: d.item, choice: choiceOf(d, choices), chunk: timeline.rowOf(d.item) + 1 });
  }
  if (gaps.length === 0) return out;
  gaps.sort((a, b) => a.item - b.item);
  // One pass over the rows: the length of each choice's text just before each gap's item.
  const length = new Map<number, number>();
  const at: number[] = [];
  let g = 0;
  for (let item = 0; item <= exchange.rows.length && g < gaps.length; item++) {
    while (g < gaps.length && (gaps[g] as Gap).item === item) at[g++] = length.get((gaps[g - 1] as Gap).choice) ?? 0;
    const row = exchange.rows[item];
    if (row && row.choice !== null) length.set(row.choice, row.assembledLength);
  }
  for (const c of exchange.reassembly.choices) {
    const mine = gaps.map((gap, k) => ({ gap, at: at[k] ?? c.content.length })).filter((x) => x.gap.choice === c.index);
    if (mine.length === 0) continue;
    let content = '';
    let from = 0;
    for (const { gap, at: offset } of mine) {
      const to = Math.min(Math.max(offset, from), c.content.length);
      content += c.content.slice(from, to) + GAP_OPEN + String(gap.chunk) + GAP_CLOSE;
      from = to;
    }
    content += c.content.slice(from);
    out.set(c.index, { content, gaps: mine.map(({ gap }) => ({ chunk: gap.chunk, message: `${timeline.unit} ${gap.chunk} could not be read` })) });
  }
  return out;
}
