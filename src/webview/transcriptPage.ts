// Lays out one transcript: the toolbar (file, dialect, search), the problems, the request (details, tools,
// messages), the response and the chunk timeline.
import type { Transcript } from '../shared/protocol';
import { formatCount, h, icon } from './dom';
import type { HostChannel } from './hostChannel';
import { messageCard } from './messageView';
import { problemsSection } from './problemsSection';
import { responseSection } from './responseSection';
import type { SearchBar } from './searchBar';
import { collapsible } from './sections';
import { TimelineView, timelineSummary } from './timelineView';
import type { ViewState } from './viewState';

export interface PageContext {
  readonly generation: number;
  readonly channel: HostChannel;
  readonly state: ViewState;
  readonly search: SearchBar;
}

export interface RenderedPage {
  readonly toolbar: HTMLElement;
  /** The searchable transcript. */
  readonly content: HTMLElement;
  readonly timeline: TimelineView | undefined;
}

function parameterTable(rows: readonly { name: string; value: string }[]): HTMLElement {
  return h('dl', { class: 'parameters' }, ...rows.flatMap((r) => [h('dt', {}, r.name), h('dd', {}, h('code', {}, r.value))]));
}

function requestSection(ctx: PageContext, transcript: Transcript): HTMLElement {
  const { request } = transcript;
  const section = h('section', { class: 'request', attrs: { 'aria-label': 'Request' } }, h('h2', {}, 'Request'));
  const details = [...request.envelope, ...request.parameters];
  if (details.length > 0) section.append(collapsible(ctx.state, 'request.parameters', false, [icon('symbol-parameter'), ` Request parameters `, h('span', { class: 'muted' }, `(${details.length})`)], parameterTable(details)));
  if (request.tools.length > 0) {
    const tools = request.tools.map((t) =>
      h('div', { class: 'tool-definition' }, h('div', { class: 'tool-call-head' }, icon('symbol-method'), h('span', { class: 'tool-name' }, t.name)), t.description ? h('p', { class: 'muted' }, t.description) : null, t.parameters ? h('pre', { class: 'code' }, t.parameters) : null),
    );
    section.append(collapsible(ctx.state, 'request.tools', false, [icon('tools'), ` Tools `, h('span', { class: 'muted' }, `(${request.tools.length})`)], ...tools));
  }
  request.messages.forEach((m, i) => section.append(messageCard(ctx.state, `message${i}`, m)));
  if (request.messages.length === 0) section.append(h('p', { class: 'muted' }, 'The request holds no messages.'));
  return section;
}

function toolbar(ctx: PageContext, transcript: Transcript): HTMLElement {
  const r = transcript.response;
  const title = h('div', { class: 'title' }, icon('comment-discussion'), h('span', { class: 'file-name' }, transcript.fileName), h('span', { class: 'badge', attrs: { title: 'Dialect' } }, r.dialect));
  if (transcript.readOnly) title.append(h('span', { class: 'badge', attrs: { title: 'Opened read-only because the file is too large to edit' } }, icon('lock'), ' read-only'));
  return h('header', { class: 'toolbar' }, title, ctx.search.element);
}

export function renderPage(ctx: PageContext, transcript: Transcript, reveal: (item: number) => void, revealProblem: (index: number) => void): RenderedPage {
  const content = h('main', { class: 'transcript', attrs: { id: 'transcript' } });
  const problems = problemsSection(ctx.state, transcript, revealProblem);
  if (problems) content.append(problems);
  content.append(requestSection(ctx, transcript), responseSection(ctx.state, transcript.response));
  let timeline: TimelineView | undefined;
  if (transcript.rowCount > 0) {
    timeline = new TimelineView(transcript.rowCount, ctx.generation, ctx.channel, ctx.state, reveal);
    content.append(h('section', { class: 'timeline-section', attrs: { 'aria-label': 'Chunk timeline' } }, collapsible(ctx.state, 'timeline', true, timelineSummary(transcript.rowCount), timeline.element)));
  }
  const footer = h('p', { class: 'muted footer' }, `${formatCount(transcript.rowCount)} response ${transcript.rowCount === 1 ? 'item' : 'items'} · ${transcript.problemCount === 0 ? 'no problems' : `${formatCount(transcript.problemCount)} problems`}`);
  content.append(footer);
  return { toolbar: toolbar(ctx, transcript), content, timeline };
}
