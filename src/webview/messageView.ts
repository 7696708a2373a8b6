// A chat message card (request messages and response choices): role, Markdown text, reasoning, images, tool calls.
import { IMAGE_DATA_URL, type MessagePart, type MessageView, type TextBlock, type ToolCallView } from '../shared/protocol';
import { append, formatCount, h, icon, type Child } from './dom';
import { markDeferred } from './deferredText';
import { remoteImagePlaceholder, renderMarkdown } from './markdown';
import { renderJsonTree } from './jsonTreeView';
import { collapsible } from './sections';
import type { ViewState } from './viewState';

const ROLE_ICONS: Readonly<Record<string, string>> = { user: 'account', assistant: 'hubot', system: 'settings-gear', developer: 'settings-gear', tool: 'tools' };

export function roleIcon(role: string): HTMLElement {
  return icon(ROLE_ICONS[role] ?? 'comment');
}

export function textWithNote(block: TextBlock): HTMLElement {
  const el = renderMarkdown(block.text);
  if (block.rest !== undefined) return markDeferred(el, block);
  if (block.omitted > 0) el.append(h('p', { class: 'note' }, `… ${formatCount(block.omitted)} more characters not shown: open the file as text to read them.`));
  return el;
}

export function reasoningBlock(state: ViewState, key: string, block: TextBlock): HTMLElement {
  const chars = block.text.length + block.omitted;
  return collapsible(state, key, false, [icon('lightbulb'), ` Reasoning `, h('span', { class: 'muted' }, `(${formatCount(chars)} characters)`)], h('div', { class: 'reasoning-body' }, textWithNote(block)));
}

export function toolCallCard(call: ToolCallView): HTMLElement {
  const head = h('div', { class: 'tool-call-head' }, icon('symbol-method'), h('span', { class: 'tool-name' }, call.name ?? '(unnamed tool)'));
  if (call.id) head.append(h('span', { class: 'muted tool-id' }, call.id));
  if (call.invalid !== null) head.append(h('span', { class: 'badge badge-warning', attrs: { title: call.invalid } }, icon('warning'), ' invalid JSON'));
  const card = h('div', { class: 'tool-call', attrs: { role: 'group', 'aria-label': `Tool call ${call.name ?? ''}` } }, head);
  if (call.arguments !== '') card.append(h('pre', { class: 'code' }, call.arguments));
  if (call.invalid !== null) card.append(h('p', { class: 'problem-text' }, `The arguments are not valid JSON: ${call.invalid}`));
  return card;
}

function imageElement(dataUrl: string): HTMLElement {
  // The schema checked it already; checked again here because this is the one place a URL reaches an attribute.
  if (!IMAGE_DATA_URL.test(dataUrl)) return h('span', { class: 'muted' }, '(image not shown)');
  const img = h('img', { class: 'inline-image', attrs: { alt: 'Image from the request' } });
  img.src = dataUrl;
  return img;
}

function partElement(state: ViewState, key: string, part: MessagePart): Child {
  switch (part.kind) {
    case 'text':
      return textWithNote(part.text);
    case 'reasoning':
      return reasoningBlock(state, key, part.text);
    case 'image':
      return h('div', { class: 'image-part' }, imageElement(part.dataUrl));
    case 'remoteImage':
      return h('div', { class: 'image-part' }, remoteImagePlaceholder(part.url, ''));
    case 'json':
      return collapsible(state, key, false, [icon('json'), ` ${part.label}`], renderJsonTree(part.lines));
  }
}

export function messageCard(state: ViewState, key: string, message: MessageView): HTMLElement {
  const head = h('div', { class: 'message-head' }, roleIcon(message.role), h('span', { class: 'role' }, message.role));
  if (message.name) head.append(h('span', { class: 'muted' }, message.name));
  if (message.toolCallId) head.append(h('span', { class: 'muted tool-id', attrs: { title: 'Result of this tool call' } }, icon('reply'), ` ${message.toolCallId}`));
  const body = h('div', { class: 'message-body' });
  message.parts.forEach((part, i) => append(body, partElement(state, `${key}.part${i}`, part)));
  for (const call of message.toolCalls) body.append(toolCallCard(call));
  if (message.parts.length === 0 && message.toolCalls.length === 0) body.append(h('p', { class: 'muted' }, '(empty)'));
  return h('article', { class: `message role-${message.role.replace(/[^a-z-]/gi, '')}`, attrs: { 'aria-label': `${message.role} message` } }, head, body);
}
