// The timeline of one exchange: a row per SDK chunk or stream event. An OGX raw-SSE recording stores its stream as
// lines (`event:`, `data:`, blank), and the core reads a row per line; here the lines of one event are put together
// into one row, so an Anthropic stream of 66 events shows 66 rows, not 198. Rows are numbered from 1, as hovers do.
import type { ExchangeAnalysis, Severity } from '../../core';
import type { RowView } from '../../shared/protocol';

/** Characters of a chunk's text in one timeline row: a row is one line tall. */
export const ROW_TEXT_LIMIT = 240;

/** Items [first, last] that make one timeline row. */
export interface RowSpan {
  readonly first: number;
  readonly last: number;
}

export interface Timeline {
  readonly unit: 'chunk' | 'event';
  readonly rowCount: number;
  /** The row's items; undefined past the end. */
  span(row: number): RowSpan | undefined;
  /** The row that holds an item. */
  rowOf(item: number): number;
}

type TimelineSubject = Pick<ExchangeAnalysis, 'items' | 'rows' | 'streaming'>;

/** True when the exchange has a stream to show row by row: a non-streamed answer is one object, with no timeline. */
export function hasTimeline(exchange: Pick<ExchangeAnalysis, 'items' | 'streaming'>): boolean {
  return exchange.streaming && exchange.items.length > 0;
}

/**
 * Groups raw SSE lines into events: an event runs from its first line to the blank line that ends it; blank lines
 * between events belong to the event before them. Undefined when the items are not lines.
 */
export function sseLineGroups(items: readonly unknown[]): RowSpan[] | undefined {
  if (items.length === 0 || typeof items[0] !== 'string') return undefined;
  const groups: RowSpan[] = [];
  let first = -1;
  for (let i = 0; i < items.length; i++) {
    const line = items[i];
    const blank = typeof line === 'string' && line.trim() === '';
    if (first === -1) {
      if (blank && groups.length > 0) {
        // A stray blank line after an event ended: it still belongs to that event.
        const prev = groups[groups.length - 1] as RowSpan;
        groups[groups.length - 1] = { first: prev.first, last: i };
        continue;
      }
      first = i;
    }
    // A value that is not a line (flagged by the core) is a row of its own.
    if (blank || typeof line !== 'string') {
      groups.push({ first, last: i });
      first = -1;
    }
  }
  if (first !== -1) groups.push({ first, last: items.length - 1 });
  return groups;
}

export function timelineOf(exchange: TimelineSubject, format: string): Timeline {
  const groups = format === 'ogx' ? sseLineGroups(exchange.items) : undefined;
  if (!groups) {
    const n = exchange.rows.length;
    return {
      unit: format === 'ogx' ? 'chunk' : 'event',
      rowCount: n,
      span: (row) => (row >= 0 && row < n ? { first: row, last: row } : undefined),
      rowOf: (item) => item,
    };
  }
  return {
    unit: 'event',
    rowCount: groups.length,
    span: (row) => groups[row],
    rowOf: (item) => {
      let lo = 0;
      let hi = groups.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((groups[mid] as RowSpan).first <= item) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function cut(s: string): string {
  return s.length > ROW_TEXT_LIMIT ? `${s.slice(0, ROW_TEXT_LIMIT)}…` : s;
}

/** One row's data: the core's rows of its items put together. */
export function rowView(exchange: TimelineSubject, timeline: Timeline, severities: ReadonlyMap<number, Severity>, row: number): RowView | undefined {
  const span = timeline.span(row);
  if (!span) return undefined;
  let choice: number | null = null;
  let content = '';
  let reasoning = '';
  let refusal = '';
  let tool = '';
  let finishReason: string | null = null;
  let usage = false;
  let severity: Severity | null = null;
  for (let i = span.first; i <= span.last; i++) {
    const r = exchange.rows[i];
    const s = severities.get(i);
    if (s !== undefined && (severity === null || RANK[s] > RANK[severity])) severity = s;
    if (!r) continue;
    if (choice === null) choice = r.choice;
    // The texts are cut as they grow: an event's lines never hold more than a few deltas.
    if (content.length <= ROW_TEXT_LIMIT) content += r.content;
    if (reasoning.length <= ROW_TEXT_LIMIT) reasoning += r.reasoning;
    if (refusal.length <= ROW_TEXT_LIMIT) refusal += r.refusal;
    if (tool.length <= ROW_TEXT_LIMIT) tool += r.tool;
    if (r.finishReason !== null) finishReason = r.finishReason;
    usage ||= r.usage;
  }
  return { item: span.first, lastItem: span.last, number: row + 1, choice, content: cut(content), reasoning: cut(reasoning), refusal: cut(refusal), tool: cut(tool), finishReason, usage, severity };
}

/** Rows [start, start + count), clamped to the rows there are. */
export function rowsPage(exchange: TimelineSubject, timeline: Timeline, severities: ReadonlyMap<number, Severity>, start: number, count: number): RowView[] {
  const out: RowView[] = [];
  const end = Math.min(timeline.rowCount, start + count);
  for (let row = Math.max(0, start); row < end; row++) {
    const view = rowView(exchange, timeline, severities, row);
    if (view) out.push(view);
  }
  return out;
}

/** The rows whose text holds `query` (case-insensitive), at most `limit` of them, and how many there are in all. */
export function searchRows(exchange: TimelineSubject, timeline: Timeline, query: string, limit: number): { rows: number[]; total: number } {
  const needle = query.toLowerCase();
  const rows: number[] = [];
  let total = 0;
  for (let row = 0; row < timeline.rowCount; row++) {
    const span = timeline.span(row) as RowSpan;
    let hit = false;
    for (let i = span.first; i <= span.last && !hit; i++) {
      const r = exchange.rows[i];
      if (!r) continue;
      // What the row shows: line breaks and tabs appear as ⏎ and ⇥ there, so the search reads the text itself.
      hit = [r.content, r.reasoning, r.refusal, r.tool, r.finishReason ?? ''].some((t) => t !== '' && t.toLowerCase().includes(needle));
    }
    if (!hit) continue;
    total++;
    if (rows.length < limit) rows.push(row);
  }
  return { rows, total };
}

/** The worst severity per response item of one exchange, for the timeline's problem markers. */
export function itemSeverities(diagnostics: readonly { readonly item?: number; readonly exchange?: number; readonly severity: Severity }[], exchange: number): ReadonlyMap<number, Severity> {
  const worst = new Map<number, Severity>();
  for (const d of diagnostics) {
    if (d.item === undefined || (d.exchange ?? 0) !== exchange) continue;
    const seen = worst.get(d.item);
    if (seen === undefined || RANK[d.severity] > RANK[seen]) worst.set(d.item, d.severity);
  }
  return worst;
}
