// One exchange of the conversation: an LLM call (its new request messages, then its answer) or a compact card for
// any other traffic (method, URL, status, headers, decoded bodies: text, a JSON tree, or the type and size of bytes).
import type { BodyPart, ExchangeSummary, Turn } from '../shared/protocol';
import { formatCount, h, icon } from './dom';
import { renderJsonTree } from './jsonTreeView';
import { messageCard, textWithNote, type CardContext } from './messageView';
import { responseSection } from './responseSection';
import { collapsible } from './sections';

function parameterTable(rows: readonly { name: string; value: string }[]): HTMLElement {
  return h('dl', { class: 'parameters' }, ...rows.flatMap((r) => [h('dt', {}, r.name), h('dd', {}, h('code', {}, r.value))]));
}

function bodyElement(body: BodyPart): HTMLElement {
  switch (body.kind) {
    case 'empty':
      return h('p', { class: 'muted' }, '(no body)');
    case 'text':
      return textWithNote(body.text, true);
    case 'json':
      return renderJsonTree(body.lines, 2);
    case 'binary':
      return h('p', { class: 'binary-body' }, icon('file-binary'), ` ${body.mediaType ?? 'binary data'}, ${formatCount(body.size)} bytes`);
  }
}

function httpCard(ctx: CardContext, key: string, turn: Extract<Turn, { kind: 'http' }>): HTMLElement {
  const head = h('div', { class: 'http-head' }, icon('globe'), h('span', { class: 'http-method' }, turn.method), h('span', { class: 'http-url' }, turn.url), turn.status === null ? null : h('span', { class: `badge${turn.status >= 400 ? ' badge-error' : ''}` }, String(turn.status)));
  const card = h('div', { class: 'http-card', attrs: { role: 'group', 'aria-label': `${turn.method} ${turn.url}` } }, head);
  if (turn.requestHeaders.length > 0) card.append(collapsible(ctx.state, `${key}.reqHeaders`, false, [icon('list-unordered'), ` Request headers `, h('span', { class: 'muted' }, `(${turn.requestHeaders.length})`)], parameterTable(turn.requestHeaders)));
  if (turn.requestBody.kind !== 'empty') card.append(collapsible(ctx.state, `${key}.reqBody`, false, [icon('arrow-up'), ' Request body'], bodyElement(turn.requestBody)));
  if (turn.responseHeaders.length > 0) card.append(collapsible(ctx.state, `${key}.resHeaders`, false, [icon('list-unordered'), ` Response headers `, h('span', { class: 'muted' }, `(${turn.responseHeaders.length})`)], parameterTable(turn.responseHeaders)));
  card.append(collapsible(ctx.state, `${key}.resBody`, turn.responseBody.kind !== 'empty', [icon('arrow-down'), ' Response body'], bodyElement(turn.responseBody)));
  return card;
}

function requestDetails(ctx: CardContext, key: string, turn: Extract<Turn, { kind: 'llm' }>): HTMLElement[] {
  const out: HTMLElement[] = [];
  const { request } = turn;
  const details = [...request.envelope, ...request.parameters];
  if (details.length > 0) out.push(collapsible(ctx.state, key === 't0' ? 'request.parameters' : `${key}.parameters`, false, [icon('symbol-parameter'), ` Request parameters `, h('span', { class: 'muted' }, `(${details.length})`)], parameterTable(details)));
  if (request.tools.length > 0) {
    const tools = request.tools.map((t) =>
      h('div', { class: 'tool-definition' }, h('div', { class: 'tool-call-head' }, icon('symbol-method'), h('span', { class: 'tool-name' }, t.name)), t.description ? h('p', { class: 'muted' }, t.description) : null, t.parameters ? h('pre', { class: 'code' }, t.parameters) : null),
    );
    out.push(collapsible(ctx.state, key === 't0' ? 'request.tools' : `${key}.tools`, false, [icon('tools'), ` Tools `, h('span', { class: 'muted' }, `(${request.tools.length})`)], ...tools));
  }
  return out;
}

export function turnElement(ctx: CardContext, index: number, turn: Turn, exchange: ExchangeSummary | undefined, many: boolean): HTMLElement {
  const key = `t${index}`;
  const section = h('section', { class: `turn turn-${turn.kind}`, attrs: { id: `exchange-${turn.exchange}`, 'data-exchange': String(turn.exchange), 'aria-label': `Exchange ${turn.exchange + 1}` } });
  if (many && exchange) {
    section.append(h('h2', { class: 'turn-title' }, `Exchange ${turn.exchange + 1}`, h('span', { class: 'muted turn-url' }, ` · ${exchange.method} ${exchange.url}`)));
  }
  if (turn.kind === 'http') {
    section.append(httpCard(ctx, key, turn));
    return section;
  }
  if (!many) section.append(h('h2', {}, 'Request'));
  section.append(...requestDetails(ctx, key, turn));
  if (turn.skipped > 0) {
    section.append(h('p', { class: 'muted note skipped', attrs: { 'data-skipped': String(turn.skipped) } }, icon('history'), ` ${formatCount(turn.skipped)} earlier ${turn.skipped === 1 ? 'message' : 'messages'} of this request shown above, not repeated`));
  }
  turn.request.messages.forEach((m, i) => section.append(messageCard(ctx, `${key}.m${i}`, m)));
  if (turn.request.messages.length === 0 && turn.skipped === 0) section.append(h('p', { class: 'muted' }, 'The request holds no messages.'));
  section.append(responseSection(ctx, key, turn.response, exchange?.unit ?? 'chunk', exchange && exchange.rowCount > 0 ? exchange.rowCount : turn.response.chunkCount));
  return section;
}
