// The response half of the transcript: per choice the reassembled answer, reasoning, refusal, tool calls and finish
// reason; usage and model; a recorded error as a card; textless responses as a summary; other shapes as JSON.
import type { ChoiceView, ResponseView, UsageView } from '../shared/protocol';
import { formatCount, h, icon } from './dom';
import { renderJsonTree } from './jsonTreeView';
import { reasoningBlock, roleIcon, textWithNote, toolCallCard } from './messageView';
import { collapsible } from './sections';
import type { ViewState } from './viewState';

function usageText(usage: UsageView): string {
  const part = (n: number | null, label: string): string | null => (n === null ? null : `${formatCount(n)} ${label}`);
  return [part(usage.promptTokens, 'prompt'), part(usage.completionTokens, 'completion'), part(usage.totalTokens, 'total')].filter((s) => s !== null).join(' · ');
}

function fact(iconName: string, label: string, value: string): HTMLElement {
  return h('span', { class: 'fact', attrs: { title: label } }, icon(iconName), h('span', { class: 'sr-only' }, `${label}: `), value);
}

function choiceCard(state: ViewState, choice: ChoiceView, many: boolean): HTMLElement {
  const head = h('div', { class: 'message-head' }, roleIcon(choice.role), h('span', { class: 'role' }, choice.role));
  if (many) head.append(h('span', { class: 'muted' }, `choice ${choice.index}`));
  if (choice.finishReason !== null) head.append(h('span', { class: 'badge', attrs: { title: 'Finish reason' } }, choice.finishReason));
  else head.append(h('span', { class: 'badge badge-warning', attrs: { title: 'The stream ends without a finish reason' } }, 'no finish reason'));
  const body = h('div', { class: 'message-body answer' });
  if (choice.reasoning.text !== '') body.append(reasoningBlock(state, `choice${choice.index}.reasoning`, choice.reasoning));
  if (choice.content.text !== '') body.append(textWithNote(choice.content));
  if (choice.refusal !== null) body.append(h('div', { class: 'refusal', attrs: { role: 'note' } }, icon('circle-slash'), h('span', {}, ' Refusal: ', choice.refusal)));
  for (const call of choice.toolCalls) body.append(toolCallCard(call));
  if (choice.content.text === '' && choice.reasoning.text === '' && choice.refusal === null && choice.toolCalls.length === 0) body.append(h('p', { class: 'muted' }, '(no text)'));
  return h('article', { class: `message role-${choice.role.replace(/[^a-z-]/gi, '')} response-choice`, attrs: { 'aria-label': `Response choice ${choice.index}`, 'data-choice': String(choice.index) } }, head, body);
}

function errorCard(response: ResponseView): HTMLElement | null {
  const e = response.error;
  if (!e) return null;
  const title = [e.type ?? 'Error', e.statusCode !== null ? `(${e.statusCode})` : null].filter(Boolean).join(' ');
  return h('div', { class: 'error-card', attrs: { role: 'alert' } }, h('div', { class: 'error-title' }, icon('error'), ` Recorded error: ${title}`), e.message ? h('pre', { class: 'plain-text' }, e.message) : null);
}

export function responseSection(state: ViewState, response: ResponseView): HTMLElement {
  const facts = h('div', { class: 'facts' });
  if (response.model) facts.append(fact('hubot', 'Model', response.model));
  facts.append(fact('pulse', 'Chunks', response.streaming ? `streamed, ${formatCount(response.chunkCount)} ${response.chunkCount === 1 ? 'chunk' : 'chunks'}` : `${formatCount(response.chunkCount)} ${response.chunkCount === 1 ? 'item' : 'items'}`));
  if (response.usage) facts.append(fact('dashboard', 'Token usage', usageText(response.usage)));
  if (response.status !== null) facts.append(fact('globe', 'HTTP status', String(response.status)));
  const section = h('section', { class: 'response', attrs: { 'aria-label': 'Response' } }, h('h2', {}, 'Response'), facts);
  const error = errorCard(response);
  if (error) section.append(error);
  if (response.summary !== null) section.append(h('p', { class: 'summary' }, icon('info'), ` ${response.summary}`));
  if (response.modelIds.length > 0) section.append(h('ul', { class: 'model-ids' }, ...response.modelIds.map((id) => h('li', {}, h('code', {}, id)))));
  const many = response.choices.length > 1;
  for (const choice of response.choices) section.append(choiceCard(state, choice, many));
  if (response.raw) section.append(collapsible(state, 'response.raw', response.choices.length === 0 && response.summary === null, [icon('json'), ' Response body'], renderJsonTree(response.raw)));
  return section;
}
