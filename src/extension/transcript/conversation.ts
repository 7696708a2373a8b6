// A file's exchanges as one conversation, read top to bottom. Requests of an agent run grow turn by turn (each one
// carries the earlier messages, the previous answer and the tool results), so each LLM exchange shows only the
// messages that are new since the previous one, then its own answer. Other traffic becomes compact cards.
import type { ExchangeAnalysis, FixtureAnalysis, JsonPath } from '../../core';
import type { Turn } from '../../shared/protocol';
import { bodyPart, headerRows } from './bodyPart';
import { messagePath, requestView } from './requestView';
import { responseView } from './responseView';
import { timelineOf, type Timeline } from './timelineRows';

/** What the host keeps of each message the webview may ask to copy or reveal (by its id, the index here). */
export interface MessageSource {
  readonly exchange: number;
  /** A request message, or the answer (choice `choice` of the exchange's reassembly). */
  readonly kind: 'request' | 'answer';
  readonly choice: number;
  /** The message's path in the file, when the container's paths reach it (OGX); else the exchange is revealed. */
  readonly path: JsonPath | undefined;
  /** The message as recorded (request) or as reassembled (answer). */
  readonly value: unknown;
  /** Its text (text parts joined), for "Copy". */
  readonly text: () => string;
  /** Its Markdown (the answer's content with its tool calls), for "Copy as Markdown". */
  readonly markdown: () => string;
}

export interface Conversation {
  readonly turns: Turn[];
  readonly sources: MessageSource[];
  readonly timelines: Timeline[];
}

function isEmbeddings(e: Pick<ExchangeAnalysis, 'dialect' | 'url'>): boolean {
  return e.dialect === 'openai-embeddings' || e.dialect === 'ollama-embed' || /\/embed(dings)?\b/.test(e.url);
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? '';
  } catch {
    return String(value);
  }
}

export function conversation(analysis: Pick<FixtureAnalysis, 'exchanges' | 'diagnostics' | 'format'>): Conversation {
  const turns: Turn[] = [];
  const sources: MessageSource[] = [];
  const timelines: Timeline[] = [];
  let previous: readonly string[] | undefined;
  let previousAnswered = false;
  for (const e of analysis.exchanges) {
    const timeline = timelineOf(e, analysis.format);
    timelines.push(timeline);
    if (e.dialect === 'http') {
      turns.push({
        kind: 'http',
        exchange: e.index,
        method: e.method,
        url: e.url,
        status: e.status,
        requestHeaders: headerRows(e.requestHeaders),
        responseHeaders: headerRows(e.responseHeaders),
        requestBody: bodyPart(e.requestBody),
        responseBody: bodyPart(e.responseBody),
      });
      continue;
    }
    const ogx = analysis.format === 'ogx';
    const read = requestView(e.request, {
      embeddings: isEmbeddings(e),
      number: (m) => {
        const texts = m.view.parts.flatMap((p) => (p.kind === 'text' ? [p.text.text] : []));
        const path = ogx ? messagePath(e.request, m.path) : undefined;
        sources.push({
          exchange: e.index,
          kind: 'request',
          choice: 0,
          path: path ? ['request', ...path] : undefined,
          value: m.value,
          text: () => (texts.length > 0 ? texts.join('\n\n') : m.view.toolCalls.map((c) => `${c.name ?? '(unnamed tool)'}(${c.arguments})`).join('\n')),
          markdown: () => texts.join('\n\n'),
        });
        return sources.length - 1;
      },
    });
    let skipped = previous ? commonPrefix(previous, read.keys) : 0;
    // The previous answer comes back as the next request's assistant message: it was shown as that answer.
    if (skipped > 0 && previousAnswered && read.view.messages[skipped]?.role === 'assistant') skipped++;
    previous = read.keys;
    const diagnostics = analysis.diagnostics.filter((d) => (d.exchange ?? 0) === e.index);
    const response = responseView(e, {
      diagnostics,
      timeline,
      number: (choice) => {
        const c = e.reassembly.choices.find((x) => x.index === choice);
        const value = c ? answerJson(c) : null;
        sources.push({
          exchange: e.index,
          kind: 'answer',
          choice,
          path: ogx ? ['response', 'body'] : undefined,
          value,
          text: () => c?.content ?? '',
          markdown: () => answerMarkdown(c),
        });
        return sources.length - 1;
      },
    });
    previousAnswered = response.choices.length > 0;
    turns.push({ kind: 'llm', exchange: e.index, skipped, request: { ...read.view, messages: read.view.messages.slice(skipped) }, response });
  }
  return { turns, sources, timelines };
}

type Choice = ExchangeAnalysis['reassembly']['choices'][number];

/** The reassembled answer as a chat message would carry it. */
function answerJson(c: Choice): Record<string, unknown> {
  const out: Record<string, unknown> = { role: c.role, content: c.content };
  if (c.reasoning !== '') out['reasoning'] = c.reasoning;
  if (c.refusal !== null) out['refusal'] = c.refusal;
  if (c.toolCalls.length > 0) out['tool_calls'] = c.toolCalls.map((t) => ({ id: t.id, type: t.type ?? 'function', function: { name: t.name, arguments: t.arguments } }));
  out['finish_reason'] = c.finishReason;
  return out;
}

function answerMarkdown(c: Choice | undefined): string {
  if (!c) return '';
  const calls = c.toolCalls.map((t) => `**Tool call** \`${t.name ?? '(unnamed tool)'}\`\n\n\`\`\`json\n${prettyArguments(t.arguments)}\n\`\`\``);
  return [c.content, ...calls].filter((s) => s !== '').join('\n\n');
}

function prettyArguments(text: string): string {
  try {
    return jsonText(JSON.parse(text));
  } catch {
    return text;
  }
}

export { jsonText };
