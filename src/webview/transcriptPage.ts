// Lays out one transcript: the toolbar (file, dialect, raw/rendered, exports, search), the header (what the fixture
// is for), the problems, the exchange list and the outline of turns, the conversation, and the timeline of the
// selected exchange.
import type { ExchangeSummary, MessageAction, Transcript, Turn } from '../shared/protocol';
import { formatCount, h, icon } from './dom';
import { headerSection } from './headerSection';
import type { HostChannel } from './hostChannel';
import type { CardContext } from './messageView';
import { problemsSection } from './problemsSection';
import type { SearchBar } from './searchBar';
import { collapsible } from './sections';
import { TimelineView, timelineSummary } from './timelineView';
import { turnElement } from './turnView';
import type { ViewState } from './viewState';

export interface PageContext {
  readonly generation: number;
  readonly channel: HostChannel;
  readonly state: ViewState;
  readonly search: SearchBar;
  readonly rerender: () => void;
  /** Puts a text made here (the test id) on the clipboard. */
  readonly copy: (text: string) => void;
}

export interface RenderedPage {
  readonly toolbar: HTMLElement;
  /** The searchable transcript. */
  readonly content: HTMLElement;
  readonly timeline: TimelineView | undefined;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function toolbarButton(label: string, iconName: string, onClick: () => void, extra: Record<string, string> = {}): HTMLButtonElement {
  const button = h('button', { class: 'icon-button', attrs: { type: 'button', title: label, 'aria-label': label, ...extra } }, icon(iconName));
  button.addEventListener('click', onClick);
  return button;
}

function toolbar(ctx: PageContext, transcript: Transcript): HTMLElement {
  const title = h('div', { class: 'title' }, icon('comment-discussion'), h('span', { class: 'file-name' }, transcript.fileName), h('span', { class: 'badge', attrs: { title: 'Dialect' } }, transcript.header.dialect));
  if (transcript.exchanges.length > 1) title.append(h('span', { class: 'badge', attrs: { title: 'Exchanges in the file' } }, plural(transcript.exchanges.length, 'exchange')));
  if (transcript.readOnly) title.append(h('span', { class: 'badge', attrs: { title: 'Opened read-only because the file is too large to edit' } }, icon('lock'), ' read-only'));
  const raw = ctx.state.value.raw;
  const send = (action: 'curl' | 'requestJson' | 'conversationMarkdown'): void => ctx.channel.send({ type: 'exportAction', generation: ctx.generation, exchange: transcript.primary, action });
  const mode = h('button', { class: 'mode-toggle global-mode', attrs: { type: 'button', 'aria-pressed': String(raw), title: 'Show every message raw (the exact characters sent) or rendered as Markdown' } }, raw ? 'Raw' : 'Rendered');
  mode.addEventListener('click', () => {
    ctx.state.update({ raw: !ctx.state.value.raw, rawToggled: {} });
    ctx.rerender();
  });
  const actions = h(
    'div',
    { class: 'toolbar-actions' },
    mode,
    toolbarButton('Copy the request as curl', 'terminal', () => send('curl'), { 'data-export': 'curl' }),
    toolbarButton('Copy the request body as JSON', 'json', () => send('requestJson'), { 'data-export': 'requestJson' }),
    toolbarButton('Copy the conversation as Markdown', 'markdown', () => send('conversationMarkdown'), { 'data-export': 'conversationMarkdown' }),
  );
  return h('header', { class: 'toolbar' }, title, actions, ctx.search.element);
}

function exchangeList(transcript: Transcript, select: (exchange: number) => void): HTMLElement {
  const rows = transcript.exchanges.map((e) => {
    const button = h(
      'button',
      { class: `exchange-row${e.llm ? '' : ' exchange-http'}`, attrs: { type: 'button', 'data-exchange': String(e.index), title: e.url } },
      h('span', { class: 'ex-index' }, String(e.index + 1)),
      h('span', { class: 'ex-method' }, e.method),
      h('span', { class: 'ex-url' }, e.url),
      h('span', { class: `ex-status${e.status !== null && e.status >= 400 ? ' bad' : ''}` }, e.status === null ? '' : String(e.status)),
      h('span', { class: 'ex-dialect' }, e.dialect),
      h('span', { class: 'ex-model' }, e.model ?? ''),
      h('span', { class: 'ex-stream' }, e.streaming ? 'streamed' : ''),
    );
    button.addEventListener('click', () => select(e.index));
    return h('li', {}, button);
  });
  return h('ol', { class: 'exchange-list', attrs: { 'aria-label': 'Exchanges' } }, ...rows);
}

/** The first words of a message, for the outline. */
function preview(turn: Turn, i: number): string {
  if (turn.kind !== 'llm') return '';
  const m = turn.request.messages[i];
  const part = m?.parts.find((p) => p.kind === 'text');
  const text = part?.kind === 'text' ? part.text.text : m?.toolCalls.map((c) => c.name ?? '').join(', ') ?? '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

function outline(transcript: Transcript, many: boolean): HTMLElement {
  const items: HTMLElement[] = [];
  const link = (label: string, target: string, depth: number): HTMLElement => {
    const a = h('button', { class: `outline-link outline-depth-${depth}`, attrs: { type: 'button', 'data-target': target } }, label);
    a.addEventListener('click', () => {
      const el = target.startsWith('exchange-') ? document.getElementById(target) : document.querySelector<HTMLElement>(`[data-message-key="${target}"]`);
      el?.scrollIntoView({ block: 'start' });
      el?.focus({ preventScroll: true });
    });
    return h('li', {}, a);
  };
  transcript.turns.forEach((turn, t) => {
    if (many) items.push(link(turn.kind === 'http' ? `${turn.exchange + 1}. ${turn.method} ${turn.url}` : `${turn.exchange + 1}. ${transcript.exchanges[turn.exchange]?.dialect ?? ''}`, `exchange-${turn.exchange}`, 0));
    if (turn.kind !== 'llm') return;
    turn.request.messages.forEach((m, i) => items.push(link(`${m.role}${m.toolName ? ` (${m.toolName})` : ''}: ${preview(turn, i)}`, `t${t}.m${i}`, 1)));
    turn.response.choices.forEach((c) => items.push(link(`answer${turn.response.choices.length > 1 ? ` ${c.index}` : ''}: ${c.content.text.replace(/\s+/g, ' ').trim().slice(0, 60)}`, `t${t}.c${c.index}`, 1)));
  });
  return h('ol', { class: 'outline' }, ...items);
}

function timelineExchange(ctx: PageContext, transcript: Transcript): ExchangeSummary | undefined {
  const chosen = transcript.exchanges[ctx.state.value.exchange];
  if (chosen && chosen.rowCount > 0) return chosen;
  const primary = transcript.exchanges[transcript.primary];
  if (primary && primary.rowCount > 0) return primary;
  return transcript.exchanges.find((e) => e.rowCount > 0);
}

export function renderPage(ctx: PageContext, transcript: Transcript, reveal: (exchange: number, item: number, lastItem: number) => void, revealProblem: (index: number) => void): RenderedPage {
  const content = h('main', { class: 'transcript', attrs: { id: 'transcript' } });
  const act = (message: number, action: MessageAction): void => ctx.channel.send({ type: 'messageAction', generation: ctx.generation, message, action });
  const cards: CardContext = { state: ctx.state, act, rerender: ctx.rerender };
  const many = transcript.exchanges.length > 1;
  content.append(headerSection(transcript.header, ctx.copy));
  const problems = problemsSection(ctx.state, transcript, revealProblem);
  if (problems) content.append(problems);
  const select = (exchange: number): void => {
    const target = transcript.exchanges[exchange];
    if (target && target.rowCount > 0 && ctx.state.value.exchange !== exchange) {
      ctx.state.update({ exchange, activeRow: -1, timelineTop: 0 });
      ctx.rerender();
    }
    document.getElementById(`exchange-${exchange}`)?.scrollIntoView({ block: 'start' });
  };
  if (many) content.append(h('section', { class: 'exchanges-section', attrs: { 'aria-label': 'Exchanges' } }, collapsible(ctx.state, 'exchanges', true, [icon('list-ordered'), ` Exchanges `, h('span', { class: 'muted' }, `(${transcript.exchanges.length})`)], exchangeList(transcript, select))));
  content.append(h('nav', { class: 'outline-section', attrs: { 'aria-label': 'Outline' } }, collapsible(ctx.state, 'outline', false, [icon('list-tree'), ' Outline'], outline(transcript, many))));
  transcript.turns.forEach((turn, i) => content.append(turnElement(cards, i, turn, transcript.exchanges[turn.exchange], many)));
  let timeline: TimelineView | undefined;
  const shown = timelineExchange(ctx, transcript);
  if (shown) {
    timeline = new TimelineView(shown.rowCount, shown.index, ctx.generation, ctx.channel, ctx.state, (item, lastItem) => reveal(shown.index, item, lastItem), shown.unit);
    const title = timelineSummary(shown.rowCount, shown.unit, many ? shown.index : undefined);
    content.append(h('section', { class: 'timeline-section', attrs: { 'aria-label': 'Timeline' } }, collapsible(ctx.state, 'timeline', true, title, timeline.element)));
  }
  const items = transcript.exchanges.reduce((n, e) => n + (transcript.turns.find((t) => t.exchange === e.index && t.kind === 'llm') ? 1 : 0), 0);
  const footerParts = [many ? plural(transcript.exchanges.length, 'exchange') : null, many ? plural(items, 'LLM call') : null, transcript.problemCount === 0 ? 'no problems' : plural(transcript.problemCount, 'problem')];
  if (!many) {
    const only = transcript.turns[0];
    const count = only?.kind === 'llm' ? only.response.chunkCount : 0;
    footerParts.unshift(plural(count, 'response item'));
  }
  content.append(h('p', { class: 'muted footer' }, footerParts.filter((p) => p !== null).join(' · ')));
  return { toolbar: toolbar(ctx, transcript), content, timeline };
}
