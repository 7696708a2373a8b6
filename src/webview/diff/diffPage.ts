// Builds the fixture diff page from a DiffView with DOM APIs: fixture text only ever in text nodes, inserted and
// deleted words as <ins>/<del> elements, tool calls in two columns, the noise behind a toggle.
import type { DiffChoiceView, DiffExchangeView, DiffTextView, DiffToolCallView, DiffValueView, DiffView } from '../../shared/protocol';
import { h, type Child } from '../dom';

export interface PageOptions {
  readonly showNoise: boolean;
  readonly onToggleNoise: (show: boolean) => void;
  readonly onOpenSide: (side: 'old' | 'new') => void;
}

export function renderDiffPage(view: DiffView, options: PageOptions): HTMLElement {
  const toggle = h('input', { attrs: { type: 'checkbox', id: 'show-noise' } });
  toggle.checked = options.showNoise;
  toggle.addEventListener('change', () => options.onToggleNoise(toggle.checked));
  const sideButton = (side: 'old' | 'new', label: string, path: string | null): Child => {
    if (path === null) return null;
    const button = h('button', { class: 'side-button', attrs: { type: 'button', title: `Open ${path} (${label})` } }, `${label}: ${path}`);
    button.addEventListener('click', () => options.onOpenSide(side));
    return button;
  };
  const header = h(
    'header',
    { class: 'diff-header' },
    h('h1', {}, view.title),
    h('p', { class: `summary status-${view.status}` }, h('span', { class: 'status' }, view.status), ' ', view.summary),
    h('p', { class: 'sides' }, sideButton('old', view.oldLabel, view.oldPath), ' → ', sideButton('new', view.newLabel, view.newPath)),
    h('label', { class: 'noise-toggle' }, toggle, ` Show noise (${view.noiseCount})`),
  );
  const exchanges = view.exchanges.filter((e) => options.showNoise || e.changed);
  const body = exchanges.length > 0 ? exchanges.map((e) => exchangeSection(e, view, options.showNoise)) : [h('p', { class: 'empty' }, view.noiseCount > 0 ? 'Only noise differs: ids, timestamps, chunk boundaries.' : 'No difference.')];
  return h('main', { class: 'diff-page' }, header, ...body);
}

function exchangeSection(e: DiffExchangeView, view: DiffView, showNoise: boolean): HTMLElement {
  const presence = e.presence === 'new' ? ` (only in ${view.newLabel})` : e.presence === 'old' ? ` (only in ${view.oldLabel})` : '';
  return h(
    'section',
    { class: `exchange presence-${e.presence}`, attrs: { 'data-exchange': String(e.number) } },
    h('h2', {}, `Exchange ${e.number}: ${e.method} ${e.url}${presence}`),
    e.request.length > 0 ? h('div', { class: 'request' }, h('h3', {}, 'Request changes'), valueList(e.request)) : null,
    e.messages.length > 0 ? h('div', { class: 'messages' }, h('h3', {}, 'Messages that differ'), ...e.messages.map((m) => h('div', { class: 'message' }, h('div', { class: 'role' }, `#${m.number} ${m.role}`), wordDiff(m.text)))) : null,
    ...e.choices.map((c) => choiceSection(c, view)),
    e.facts.length > 0 ? h('div', { class: 'facts' }, h('h3', {}, 'Usage, model, finish'), h('ul', {}, ...e.facts.map((f) => h('li', {}, h('span', { class: 'label' }, `${f.label}: `), h('del', {}, f.old), ' → ', h('ins', {}, f.new))))) : null,
    e.body.length > 0 ? h('div', { class: 'body' }, h('h3', {}, 'Body changes'), valueList(e.body), e.bodyOmitted > 0 ? h('p', { class: 'omitted' }, `and ${e.bodyOmitted} more`) : null) : null,
    showNoise && e.noise.count > 0 ? h('div', { class: 'noise' }, h('h3', {}, `Noise (${e.noise.count}${e.noise.rechunked ? ', re-chunked' : ''})`), valueList(e.noise.examples), e.noise.count > e.noise.examples.length ? h('p', { class: 'omitted' }, `${e.noise.count - e.noise.examples.length} more not listed`) : null) : null,
  );
}

function valueList(values: readonly DiffValueView[]): HTMLElement {
  return h('ul', { class: 'values' }, ...values.map((v) => h('li', {}, h('code', { class: 'path' }, v.path), ': ', h('del', {}, v.old ?? '(absent)'), ' → ', h('ins', {}, v.new ?? '(absent)'))));
}

function choiceSection(c: DiffChoiceView, view: DiffView): HTMLElement {
  const presence = c.presence === 'new' ? ` (only in ${view.newLabel})` : c.presence === 'old' ? ` (only in ${view.oldLabel})` : '';
  return h(
    'div',
    { class: 'choice', attrs: { 'data-choice': String(c.index) } },
    h('h3', {}, `Choice ${c.index}${presence}`),
    ...c.texts.map((t) => h('div', { class: 'text-diff' }, h('div', { class: 'label' }, `${t.label}: +${t.added} −${t.removed} words`), wordDiff(t))),
    c.toolCalls
      ? h(
          'div',
          { class: 'tool-calls' },
          h('div', { class: 'tool-side old' }, h('h4', {}, view.oldLabel), ...c.toolCalls.old.map(toolCall)),
          h('div', { class: 'tool-side new' }, h('h4', {}, view.newLabel), ...c.toolCalls.new.map(toolCall)),
          c.toolCalls.changes.length > 0 ? h('div', { class: 'tool-changes' }, valueList(c.toolCalls.changes)) : null,
        )
      : null,
  );
}

function toolCall(call: DiffToolCallView): HTMLElement {
  return h('div', { class: 'tool-call' }, h('div', { class: 'tool-name' }, call.name ?? '(no name)'), h('pre', {}, call.arguments));
}

export function wordDiff(text: DiffTextView): HTMLElement {
  return h('div', { class: 'word-diff' }, ...text.parts.map((p) => (p.op === 'insert' ? h('ins', {}, p.text) : p.op === 'delete' ? h('del', {}, p.text) : p.text)));
}
