// A chat message card (request messages and answers): role, the tool a result answers, its text rendered or raw,
// reasoning, images, JSON trees, tool calls; actions (copy, copy as JSON, reveal in JSON, raw/rendered); long messages
// and system prompts folded to their first lines. Cards are focusable and arrow keys move between them.
import { IMAGE_DATA_URL, type MessageAction, type MessagePart, type MessageView, type TextBlock, type ToolCallView } from '../shared/protocol';
import { append, formatCount, h, icon, type Child } from './dom';
import { fetchedWhole, markDeferred } from './deferredText';
import { remoteImagePlaceholder, renderMarkdown } from './markdown';
import { renderJsonTree } from './jsonTreeView';
import { markGaps, rawText } from './rawText';
import { collapsible } from './sections';
import type { ViewState } from './viewState';

const ROLE_ICONS: Readonly<Record<string, string>> = { user: 'account', assistant: 'hubot', system: 'settings-gear', developer: 'settings-gear', tool: 'tools', input: 'symbol-string' };
const ROLE_LABELS: Readonly<Record<string, string>> = { tool: 'tool result', function: 'function result', ipython: 'tool result' };

/** A message longer than this is folded to its first lines until expanded. */
export const FOLD_LINES = 12;
export const FOLD_CHARS = 1500;
/** A system prompt is folded (by default) past two lines. */
const SYSTEM_LINES = 2;
const SYSTEM_CHARS = 240;

export interface CardContext {
  readonly state: ViewState;
  readonly act: (message: number, action: MessageAction) => void;
  /** Renders the page again (after the global raw/rendered switch). */
  readonly rerender: () => void;
}

export function roleIcon(role: string): HTMLElement {
  return icon(ROLE_ICONS[role] ?? 'comment');
}

/** Text as Markdown (or, raw, as the exact characters), with the notes on what was held back or left out. */
export function textWithNote(shown: TextBlock, raw = false, unit = 'chunk'): HTMLElement {
  const block = fetchedWhole(shown) ?? shown;
  const el = raw ? rawText(block.text) : renderMarkdown(block.text);
  markGaps(el, unit);
  if (block.rest !== undefined) return markDeferred(el, block, raw);
  if (block.omitted > 0) el.append(h('p', { class: 'note' }, `… ${formatCount(block.omitted)} more characters not shown: open the file as text to read them.`));
  return el;
}

export function reasoningBlock(state: ViewState, key: string, block: TextBlock, raw: boolean): HTMLElement {
  const chars = block.text.length + block.omitted;
  return collapsible(state, key, false, [icon('lightbulb'), ` Reasoning `, h('span', { class: 'muted' }, `(${formatCount(chars)} characters)`)], h('div', { class: 'reasoning-body' }, textWithNote(block, raw)));
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

function partElement(state: ViewState, key: string, part: MessagePart, raw: boolean): Child {
  switch (part.kind) {
    case 'text':
      return textWithNote(part.text, raw);
    case 'reasoning':
      return reasoningBlock(state, key, part.text, raw);
    case 'image':
      return h('div', { class: 'image-part' }, imageElement(part.dataUrl));
    case 'remoteImage':
      return h('div', { class: 'image-part' }, remoteImagePlaceholder(part.url, ''));
    case 'json':
      return collapsible(state, key, part.open, [icon('json'), ` ${part.label}`], renderJsonTree(part.lines, part.open ? 2 : 1));
  }
}

/** Whether a message shows raw: the global mode, switched for this message if the user did, or raw by nature. */
export function isRaw(state: ViewState, key: string, rawByNature: boolean): boolean {
  const toggled = state.value.rawToggled[key];
  const base = state.value.raw || rawByNature;
  return toggled === undefined ? base : toggled;
}

function actionButton(label: string, iconName: string, onClick: () => void): HTMLButtonElement {
  const button = h('button', { class: 'icon-button message-action', attrs: { type: 'button', title: label, 'aria-label': label } }, icon(iconName));
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return button;
}

export interface CardOptions {
  readonly key: string;
  /** The message's id for the host's copy and reveal. */
  readonly id: number;
  readonly role: string;
  readonly head: Child[];
  readonly answer: boolean;
  readonly rawByNature: boolean;
  /** Lines and characters of its text, to decide whether it is folded. */
  readonly size: { readonly lines: number; readonly chars: number };
  readonly body: (raw: boolean) => Child[];
}

/** The frame every message shares: head with actions, a body that may be folded, raw/rendered switching in place. */
export function card(ctx: CardContext, options: CardOptions): HTMLElement {
  const { key, role } = options;
  const system = role === 'system' || role === 'developer';
  // A system prompt is folded to its first lines; one that is no longer than that has nothing to fold.
  const foldable = (system && (options.size.lines > SYSTEM_LINES || options.size.chars > SYSTEM_CHARS)) || options.size.lines > FOLD_LINES || options.size.chars > FOLD_CHARS;
  const head = h('div', { class: 'message-head' }, roleIcon(role), h('span', { class: 'role' }, ROLE_LABELS[role] ?? role), ...options.head);
  const actions = h('span', { class: 'message-actions' });
  const body = h('div', { class: `message-body${options.answer ? ' answer' : ''}` });
  const article = h('article', { class: `message role-${role.replace(/[^a-z-]/gi, '')}${options.answer ? ' response-choice' : ''}`, attrs: { tabindex: '0', 'data-message-key': key, 'aria-label': `${ROLE_LABELS[role] ?? role} message` } }, head, body);
  let raw = isRaw(ctx.state, key, options.rawByNature);
  const fill = (): void => {
    body.replaceChildren();
    append(body, ...options.body(raw));
    body.dataset['mode'] = raw ? 'raw' : 'rendered';
  };
  fill();
  const rawButton = h('button', { class: 'mode-toggle', attrs: { type: 'button', 'aria-pressed': String(raw), title: 'Show the exact characters sent, or the text rendered as Markdown' } }, raw ? 'Raw' : 'Rendered');
  rawButton.addEventListener('click', (e) => {
    e.stopPropagation();
    raw = !raw;
    const base = ctx.state.value.raw || options.rawByNature;
    const toggled = { ...ctx.state.value.rawToggled };
    if (raw === base) delete toggled[key];
    else toggled[key] = raw;
    ctx.state.update({ rawToggled: toggled });
    rawButton.textContent = raw ? 'Raw' : 'Rendered';
    rawButton.setAttribute('aria-pressed', String(raw));
    fill();
  });
  actions.append(
    rawButton,
    actionButton(options.answer ? 'Copy the answer\'s text' : 'Copy the text', 'copy', () => ctx.act(options.id, 'copyText')),
    actionButton('Copy as JSON', 'json', () => ctx.act(options.id, 'copyJson')),
  );
  if (options.answer) actions.append(actionButton('Copy as Markdown', 'markdown', () => ctx.act(options.id, 'copyMarkdown')));
  actions.append(actionButton('Reveal in JSON', 'go-to-file', () => ctx.act(options.id, 'reveal')));
  head.append(actions);
  if (foldable) fold(ctx.state, article, body, key, system, options.size);
  return article;
}

/** Folds a long message (or a system prompt, by default) to its first lines, with a button to show it all. */
function fold(state: ViewState, article: HTMLElement, body: HTMLElement, key: string, system: boolean, size: { lines: number; chars: number }): void {
  const stateKey = `${key}.expanded`;
  const what = `${formatCount(size.lines)} ${size.lines === 1 ? 'line' : 'lines'}`;
  const button = h('button', { class: 'secondary-button fold-toggle', attrs: { type: 'button' } });
  const apply = (expanded: boolean): void => {
    body.classList.toggle('folded', !expanded);
    body.classList.toggle('folded-system', !expanded && system);
    button.setAttribute('aria-expanded', String(expanded));
    button.replaceChildren(icon(expanded ? 'fold' : 'unfold'), expanded ? ' Fold' : ` Show all (${what})`);
  };
  apply(state.isOpen(stateKey, false));
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    const expanded = body.classList.contains('folded');
    state.setOpen(stateKey, expanded);
    apply(expanded);
  });
  article.append(button);
}

function textSize(parts: readonly MessagePart[]): { lines: number; chars: number } {
  let lines = 0;
  let chars = 0;
  for (const p of parts) {
    if (p.kind !== 'text') continue;
    chars += p.text.text.length + p.text.omitted;
    for (let i = p.text.text.indexOf('\n'); i !== -1; i = p.text.text.indexOf('\n', i + 1)) lines++;
    lines++;
  }
  return { lines, chars };
}

export function messageCard(ctx: CardContext, key: string, message: MessageView): HTMLElement {
  const head: Child[] = [];
  if (message.toolName) head.push(h('span', { class: 'tool-name result-of', attrs: { title: 'The tool this result answers' } }, message.toolName));
  if (message.name) head.push(h('span', { class: 'muted' }, message.name));
  if (message.toolCallId) head.push(h('span', { class: 'muted tool-id', attrs: { title: 'Result of this tool call' } }, icon('reply'), ` ${message.toolCallId}`));
  if (message.raw) head.push(h('span', { class: 'badge', attrs: { title: 'Sent raw: the exact characters, no chat template' } }, 'raw prompt'));
  return card(ctx, {
    key,
    id: message.id,
    role: message.role,
    head,
    answer: false,
    rawByNature: message.raw,
    size: textSize(message.parts),
    body: (raw) => {
      const out: Child[] = message.parts.map((part, i) => partElement(ctx.state, `${key}.part${i}`, part, raw));
      for (const call of message.toolCalls) out.push(toolCallCard(call));
      if (message.parts.length === 0 && message.toolCalls.length === 0) out.push(h('p', { class: 'muted' }, '(empty)'));
      return out;
    },
  });
}
