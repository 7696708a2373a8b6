// The response half of one exchange: per choice the reassembled answer (with a mark where a chunk could not be
// read), reasoning, refusal, tool calls and finish reason; usage with the dialect's other counts and the model; a
// recorded error as a card; textless responses as a summary; a file processor's answer as a card; other shapes as JSON.
import type { ChoiceView, ResponseView, UsageView } from '../shared/protocol';
import { formatCount, h, icon, type Child } from './dom';
import { renderJsonTree } from './jsonTreeView';
import { card, reasoningBlock, textWithNote, toolCallCard, type CardContext } from './messageView';
import { collapsible } from './sections';

export function usageText(usage: UsageView): string {
  const part = (n: number | null, label: string): string | null => (n === null ? null : `${formatCount(n)} ${label}`);
  const main = [part(usage.promptTokens, 'prompt'), part(usage.completionTokens, 'completion'), part(usage.totalTokens, 'total')].filter((s) => s !== null);
  const details = usage.details.map((d) => `${formatCount(d.value)} ${d.label}`);
  return [...main, ...(details.length > 0 ? [`(${details.join(', ')})`] : [])].join(' · ');
}

function fact(iconName: string, label: string, value: string): HTMLElement {
  return h('span', { class: 'fact', attrs: { title: label } }, icon(iconName), h('span', { class: 'sr-only' }, `${label}: `), value);
}

function choiceCard(ctx: CardContext, key: string, choice: ChoiceView, many: boolean, unit: string): HTMLElement {
  const head: Child[] = [];
  if (choice.toolName) head.push(h('span', { class: 'tool-name result-of', attrs: { title: 'The tool this result answers' } }, choice.toolName));
  if (many) head.push(h('span', { class: 'muted' }, `choice ${choice.index}`));
  if (choice.finishReason !== null) head.push(h('span', { class: 'badge', attrs: { title: 'Finish reason' } }, choice.finishReason));
  else if (choice.finishExpected) head.push(h('span', { class: 'badge badge-warning', attrs: { title: 'The answer ends without a finish reason' } }, 'no finish reason'));
  if (choice.gaps.length > 0) head.push(h('span', { class: 'badge badge-error', attrs: { title: choice.gaps.map((g) => g.message).join('; ') } }, icon('error'), ` ${choice.gaps.length} unreadable ${unit}${choice.gaps.length === 1 ? '' : 's'}`));
  const lines = choice.content.text.split('\n').length;
  return card(ctx, {
    key,
    id: choice.id,
    role: choice.role,
    head,
    answer: true,
    rawByNature: false,
    // A JSON result is a tree, folded by its own nodes.
    size: choice.json ? { lines: 0, chars: 0 } : { lines, chars: choice.content.text.length + choice.content.omitted },
    body: (raw) => {
      const out: Child[] = [];
      if (choice.reasoning.text !== '') out.push(reasoningBlock(ctx.state, `${key}.reasoning`, choice.reasoning, raw));
      if (choice.json) out.push(h('div', { class: 'json-result' }, renderJsonTree(choice.json, 2)));
      else if (choice.content.text !== '') out.push(textWithNote(choice.content, raw, unit));
      if (choice.refusal !== null) out.push(h('div', { class: 'refusal', attrs: { role: 'note' } }, icon('circle-slash'), h('span', {}, ' Refusal: ', choice.refusal)));
      for (const call of choice.toolCalls) out.push(toolCallCard(call));
      if (choice.content.text === '' && choice.refusal === null && choice.toolCalls.length === 0) {
        const why = choice.reasoning.text !== '' ? `no text: the answer ends after its reasoning${choice.finishReason ? ` (finish reason ${choice.finishReason})` : ''}` : 'no text';
        out.push(h('p', { class: 'muted note no-text' }, `(${why})`));
      }
      return out;
    },
  });
}

function errorCard(response: ResponseView): HTMLElement | null {
  const e = response.error;
  if (!e) return null;
  const title = [e.type ?? 'Error', e.statusCode !== null ? `(${e.statusCode})` : null].filter(Boolean).join(' ');
  return h('div', { class: 'error-card', attrs: { role: 'alert' } }, h('div', { class: 'error-title' }, icon('error'), ` Recorded error: ${title}`), e.message ? h('pre', { class: 'plain-text' }, e.message) : null);
}

function fileCard(response: ResponseView): HTMLElement | null {
  const f = response.file;
  if (!f) return null;
  const facts = h(
    'dl',
    { class: 'parameters file-facts' },
    ...[
      ['file id', f.fileId],
      ['file', f.fileName],
      ['processor', f.processor],
      ['chunks', formatCount(f.chunks)],
    ].flatMap(([name, value]) => (value ? [h('dt', {}, name as string), h('dd', {}, h('code', {}, value))] : [])),
  );
  return h('div', { class: 'file-card', attrs: { role: 'group', 'aria-label': 'Processed file' } }, h('div', { class: 'error-title' }, icon('file-text'), ' Processed file'), facts, textWithNote(f.text, true));
}

/** `rows`: the stream's chunks or events as its timeline counts them (an SSE recording's lines make fewer events). */
export function responseSection(ctx: CardContext, key: string, response: ResponseView, unit: string, rows: number): HTMLElement {
  const facts = h('div', { class: 'facts' });
  if (response.model) facts.append(fact('hubot', 'Model', response.model));
  facts.append(fact('pulse', 'Stream', response.streaming ? `streamed, ${formatCount(rows)} ${unit}${rows === 1 ? '' : 's'}` : 'not streamed'));
  if (response.usage) facts.append(fact('dashboard', 'Token usage', usageText(response.usage)));
  if (response.status !== null) facts.append(fact('globe', 'HTTP status', String(response.status)));
  const section = h('section', { class: 'response', attrs: { 'aria-label': 'Response' } }, h('h2', {}, 'Response'), facts);
  const error = errorCard(response);
  if (error) section.append(error);
  if (response.summary !== null) section.append(h('p', { class: 'summary' }, icon('info'), ` ${response.summary}`));
  if (response.modelIds.length > 0) section.append(h('ul', { class: 'model-ids' }, ...response.modelIds.map((id) => h('li', {}, h('code', {}, id)))));
  const file = fileCard(response);
  if (file) section.append(file);
  const many = response.choices.length > 1;
  for (const choice of response.choices) section.append(choiceCard(ctx, `${key}.c${choice.index}`, choice, many, unit));
  if (response.raw) section.append(collapsible(ctx.state, `${key}.raw`, response.choices.length === 0 && response.summary === null, [icon('json'), ' Response body'], renderJsonTree(response.raw)));
  return section;
}
