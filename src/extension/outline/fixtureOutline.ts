// The fixture's turns for VS Code's Outline and breadcrumbs: each exchange, its request messages and its answer,
// each at its range in the text (a message's own value where the container's paths reach it, else its exchange).
// Pure: built from the analysis and the transcript's conversation, so it is unit-tested.
import type { FixtureAnalysis, Span } from '../../core';
import { conversation } from '../transcript/conversation';

export interface OutlineEntry {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'exchange' | 'message' | 'answer';
  readonly span: Span;
  readonly children: readonly OutlineEntry[];
}

function label(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

export function fixtureOutline(analysis: FixtureAnalysis): OutlineEntry[] {
  const { turns, sources } = conversation(analysis);
  const spanOf = (id: number, fallback: Span): Span => {
    const source = sources[id];
    return (source?.path ? analysis.locator.locate(source.path)?.span : undefined) ?? fallback;
  };
  const out: OutlineEntry[] = [];
  for (const turn of turns) {
    const exchange = analysis.exchanges[turn.exchange];
    const whole = exchange?.span ?? { start: 0, end: 0 };
    const children: OutlineEntry[] = [];
    if (turn.kind === 'llm') {
      for (const m of turn.request.messages) {
        const text = m.parts.find((p) => p.kind === 'text');
        const preview = text?.kind === 'text' ? label(text.text.text) : m.toolCalls.map((c) => c.name ?? '').join(', ');
        children.push({ name: `${m.role}${m.toolName ? ` (${m.toolName})` : ''}`, detail: preview, kind: 'message', span: spanOf(m.id, whole), children: [] });
      }
      for (const c of turn.response.choices) {
        const calls = c.toolCalls.map((t) => t.name ?? '').join(', ');
        children.push({ name: turn.response.choices.length > 1 ? `answer ${c.index}` : 'answer', detail: label(c.content.text) || calls, kind: 'answer', span: spanOf(c.id, whole), children: [] });
      }
    }
    const name = analysis.exchanges.length > 1 ? `exchange ${turn.exchange + 1}` : turn.kind === 'llm' ? 'conversation' : 'exchange';
    out.push({ name, detail: exchange ? `${exchange.method} ${exchange.url}` : '', kind: 'exchange', span: whole, children });
  }
  return out;
}
