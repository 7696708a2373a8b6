// The diff panel's view model: pure functions from a FixtureDiff (and the two analyses, for the request messages) to
// the protocol's DiffView. No vscode here, so unit tests in plain Node check it value by value.
import type { FixtureAnalysis } from '../../core/analysis';
import { comparableRequest, diffWords, formatPath, whatChanged, type ChoiceDiff, type DiffPair, type ExchangeDiff, type TextChange, type ValueChange } from '../../core/diff';
import type { ToolCall } from '../../core/reassemble';
import type { DiffChoiceView, DiffExchangeView, DiffMessageView, DiffTextView, DiffToolCallView, DiffValueView, DiffView } from '../../shared/protocol';

/** A shown value's JSON is cut here: the panel lists paths, the whole value is one click away in the file. */
export const MAX_VALUE_TEXT = 2000;
/** A message's text is compared in full up to this many characters; longer ones are cut before the word diff. */
export const MAX_MESSAGE_TEXT = 100_000;

export interface DiffViewInput {
  readonly pair: DiffPair;
  readonly oldAnalysis: FixtureAnalysis | undefined;
  readonly newAnalysis: FixtureAnalysis | undefined;
  readonly title: string;
  readonly oldLabel: string;
  readonly newLabel: string;
}

export function diffView(input: DiffViewInput): DiffView {
  const { pair } = input;
  return {
    title: input.title,
    oldLabel: input.oldLabel,
    newLabel: input.newLabel,
    oldPath: pair.old,
    newPath: pair.new,
    status: pair.status,
    summary: whatChanged(pair),
    noiseCount: pair.diff.noise,
    exchanges: pair.diff.exchanges.map((e) => exchangeView(e, input.oldAnalysis, input.newAnalysis)),
  };
}

/** A value as short JSON text; null when absent. Never throws (a value too deep for JSON.stringify was replaced by the core). */
export function valueText(value: unknown): string | null {
  if (value === undefined) return null;
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT)}…` : text;
}

export function valueChangeView(change: ValueChange): DiffValueView {
  return { path: formatPath(change.path), old: valueText(change.old), new: valueText(change.new) };
}

function exchangeView(e: ExchangeDiff, oldAnalysis: FixtureAnalysis | undefined, newAnalysis: FixtureAnalysis | undefined): DiffExchangeView {
  const r = e.response;
  const facts: { label: string; old: string; new: string }[] = [];
  const fact = (label: string, change: { readonly old: unknown; readonly new: unknown } | undefined): void => {
    if (change) facts.push({ label, old: factText(change.old), new: factText(change.new) });
  };
  fact('model', r.model);
  fact('usage', r.usage);
  for (const c of r.choices) if (c.finishReason) fact(`finish reason (choice ${c.index})`, c.finishReason);
  fact('status', r.status);
  fact('error', r.error);
  fact('chunks', r.chunkCount);
  fact('dialect', r.dialectChange);
  return {
    number: e.index + 1,
    presence: e.presence,
    method: e.method,
    url: e.url,
    changed: e.changed,
    request: e.presence === 'both' ? e.request.changes.map(valueChangeView) : [],
    messages: e.presence === 'both' ? changedMessages(e, oldAnalysis, newAnalysis) : [],
    choices: r.choices.map(choiceView),
    facts,
    body: (r.bodyChanges ?? []).map(valueChangeView),
    bodyOmitted: r.bodyChangesOmitted ?? 0,
    noise: { count: e.noise.count, rechunked: e.noise.rechunked, examples: e.noise.examples.map(valueChangeView) },
  };
}

function factText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  const r = value as Record<string, unknown>;
  if ('promptTokens' in r) return `${String(r['promptTokens'] ?? '?')} in, ${String(r['completionTokens'] ?? '?')} out, ${String(r['totalTokens'] ?? '?')} total`;
  if ('statusCode' in r) return [r['type'], r['message'], r['statusCode']].filter((x) => x !== null && x !== undefined).map(String).join(': ') || 'error';
  return valueText(value) ?? 'none';
}

function textView(label: string, change: TextChange): DiffTextView {
  return { label, parts: change.words.parts, added: change.words.added, removed: change.words.removed };
}

function choiceView(c: ChoiceDiff): DiffChoiceView {
  const texts: DiffTextView[] = [];
  if (c.content) texts.push(textView('answer', c.content));
  if (c.reasoning) texts.push(textView('reasoning', c.reasoning));
  if (c.refusal) texts.push(textView('refusal', c.refusal));
  return {
    index: c.index,
    presence: c.presence,
    texts,
    toolCalls: c.toolCalls ? { old: c.toolCalls.old.map(toolCallView), new: c.toolCalls.new.map(toolCallView), changes: c.toolCalls.changes.map(valueChangeView) } : null,
  };
}

/** Arguments pretty-printed when they are JSON, so the two sides line up key by key; else as recorded. */
export function toolCallView(call: ToolCall): DiffToolCallView {
  let args = call.arguments;
  try {
    args = JSON.stringify(JSON.parse(call.arguments), null, 2);
  } catch {
    // Not JSON: shown as recorded.
  }
  return { name: call.name, arguments: args };
}

/** The request messages whose values differ (by the changed paths `body.messages[i]…`), each side's text word by word. */
function changedMessages(e: ExchangeDiff, oldAnalysis: FixtureAnalysis | undefined, newAnalysis: FixtureAnalysis | undefined): DiffMessageView[] {
  const indices = new Set<number>();
  for (const c of e.request.changes) {
    const [first, second, third] = c.path;
    if (first === 'body' && second === 'messages' && typeof third === 'number') indices.add(third);
  }
  if (indices.size === 0) return [];
  const oldMessages = messagesOf(oldAnalysis, e.oldIndex);
  const newMessages = messagesOf(newAnalysis, e.newIndex);
  return [...indices]
    .sort((a, b) => a - b)
    .map((i): DiffMessageView => {
      const o = oldMessages[i];
      const n = newMessages[i];
      const oldText = o === undefined ? '' : messageText(o);
      const newText = n === undefined ? '' : messageText(n);
      const words = diffWords(oldText, newText);
      return {
        number: i + 1,
        role: roleOf(n) ?? roleOf(o) ?? 'message',
        presence: o !== undefined && n !== undefined ? 'both' : o !== undefined ? 'old' : 'new',
        text: { label: 'content', parts: words.parts, added: words.added, removed: words.removed },
      };
    });
}

function messagesOf(analysis: FixtureAnalysis | undefined, index: number | null): readonly unknown[] {
  if (!analysis || index === null) return [];
  const body = comparableRequest(analysis.exchanges[index], analysis)?.['body'];
  const messages = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)['messages'] : undefined;
  return Array.isArray(messages) ? messages : [];
}

function roleOf(message: unknown): string | undefined {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return undefined;
  const role = (message as Record<string, unknown>)['role'];
  return typeof role === 'string' ? role : undefined;
}

/** A message's content as text: a string as is, parts' text joined, anything else as JSON. */
function messageText(message: unknown): string {
  const content = message !== null && typeof message === 'object' && !Array.isArray(message) ? (message as Record<string, unknown>)['content'] : message;
  let text: string;
  if (typeof content === 'string') text = content;
  else if (Array.isArray(content) && content.every((p) => p !== null && typeof p === 'object' && typeof (p as Record<string, unknown>)['text'] === 'string')) {
    text = content.map((p) => (p as Record<string, string>)['text']).join('\n');
  } else text = valueText(message) ?? '';
  return text.length > MAX_MESSAGE_TEXT ? text.slice(0, MAX_MESSAGE_TEXT) : text;
}
