// Exports of a recorded request and of the whole conversation: "Copy as curl" (credentials replaced by a placeholder,
// so the command can be shared), "Copy as JSON" of the request body, "Copy Conversation as Markdown". Pure text work.
import type { ExchangeAnalysis } from '../../core';
import { GAP_CLOSE, GAP_OPEN, type BodyPart, type MessagePart, type Transcript } from '../../shared/protocol';
import { jsonText } from './conversation';
import { requestBody } from './requestView';

/** Headers whose value is a credential: exported as a placeholder, never as recorded. */
const SECRET_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key|cookie|openai-organization|x-amz-security-token)$/i;
/** Headers curl sets itself or that describe the recorded transfer, not the request. */
const SKIPPED_HEADER = /^(content-length|host|accept-encoding|connection|transfer-encoding)$/i;
/** Query parameters that carry keys (Gemini's `key=`). */
const SECRET_QUERY = /([?&](?:key|api_key|api-key|access_token)=)[^&#]*/gi;

export const API_KEY_PLACEHOLDER = '$API_KEY';

/** A shell word in single quotes (a quote inside is closed, escaped, reopened). */
function quoted(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The request body as JSON text, as the client sent it (OGX keeps it parsed; a cassette's text body is used as is). */
export function requestJson(exchange: Pick<ExchangeAnalysis, 'request' | 'requestBody'>): string | undefined {
  const { body } = requestBody(exchange.request);
  if (body) return jsonText(body);
  const stored = exchange.requestBody;
  if (stored.kind === 'json') return jsonText(stored.value);
  if (stored.kind === 'text') return stored.text;
  return undefined;
}

export function curlCommand(exchange: Pick<ExchangeAnalysis, 'method' | 'url' | 'request' | 'requestHeaders' | 'requestBody'>): string {
  const url = exchange.url.replace(SECRET_QUERY, `$1${API_KEY_PLACEHOLDER}`);
  const lines = [`curl -X ${exchange.method} ${quoted(url)}`];
  const names = new Set<string>();
  for (const h of exchange.requestHeaders) {
    if (SKIPPED_HEADER.test(h.name)) continue;
    names.add(h.name.toLowerCase());
    const value = SECRET_HEADER.test(h.name) ? (/^bearer\s/i.test(h.value) ? `Bearer ${API_KEY_PLACEHOLDER}` : API_KEY_PLACEHOLDER) : h.value;
    // Double quotes around the placeholder so the shell expands it; recorded values stay literal.
    lines.push(value.includes(API_KEY_PLACEHOLDER) ? `  -H "${h.name}: ${value}"` : `  -H ${quoted(`${h.name}: ${value}`)}`);
  }
  // OGX keeps no headers: say what the provider needs, with the key as a placeholder.
  if (!names.has('authorization') && !names.has('x-api-key') && !names.has('api-key') && !names.has('x-goog-api-key') && !/[?&]key=/.test(url)) {
    lines.push(/anthropic\.com/.test(url) ? `  -H "x-api-key: ${API_KEY_PLACEHOLDER}"` : `  -H "Authorization: Bearer ${API_KEY_PLACEHOLDER}"`);
  }
  const body = requestJson(exchange);
  if (body !== undefined) {
    if (!names.has('content-type')) lines.push(`  -H 'Content-Type: application/json'`);
    lines.push(`  --data-raw ${quoted(body)}`);
  }
  return lines.join(' \\\n');
}

function partMarkdown(part: MessagePart): string {
  switch (part.kind) {
    case 'text':
      return part.text.text;
    case 'reasoning':
      return `> **Reasoning**\n>\n${part.text.text.split('\n').map((l) => `> ${l}`).join('\n')}`;
    case 'image':
      return '*(image)*';
    case 'remoteImage':
      return `*(image: ${part.url})*`;
    case 'json':
      return `*${part.label}* (JSON, ${part.lines.length} lines: copy the message as JSON to read it)`;
  }
}

function bodyMarkdown(label: string, body: BodyPart): string {
  switch (body.kind) {
    case 'empty':
      return `${label}: empty`;
    case 'text':
      return `${label} (${body.mediaType ?? 'text'}):\n\n\`\`\`\n${body.text.text}\n\`\`\``;
    case 'json':
      return `${label}: JSON (${body.lines.length} lines)`;
    case 'binary':
      return `${label}: ${body.mediaType ?? 'binary'}, ${body.size} bytes`;
  }
}

const GAP_MARKS = new RegExp(`${GAP_OPEN}(\\d+)${GAP_CLOSE}`, 'g');

function unitOf(transcript: Transcript, exchange: number): string {
  return transcript.exchanges[exchange]?.unit ?? 'chunk';
}

const ROLE_TITLES: Readonly<Record<string, string>> = { user: 'User', assistant: 'Assistant', system: 'System', developer: 'Developer', tool: 'Tool result', input: 'Input' };

/** The conversation as the transcript reads it, turn by turn, as Markdown. */
export function conversationMarkdown(transcript: Transcript): string {
  const out: string[] = [`# ${transcript.header.testId ?? transcript.fileName}`];
  for (const turn of transcript.turns) {
    if (turn.kind === 'http') {
      out.push(`## ${turn.method} ${turn.url}${turn.status === null ? '' : ` → ${turn.status}`}`, bodyMarkdown('Request body', turn.requestBody), bodyMarkdown('Response body', turn.responseBody));
      continue;
    }
    if (transcript.turns.length > 1) out.push(`## Exchange ${turn.exchange + 1}`);
    for (const m of turn.request.messages) {
      const title = ROLE_TITLES[m.role] ?? m.role;
      const of = m.toolName ? ` (${m.toolName})` : '';
      out.push(`### ${title}${of}`, ...m.parts.map(partMarkdown));
      for (const c of m.toolCalls) out.push(`**Tool call** \`${c.name ?? '(unnamed tool)'}\`\n\n\`\`\`json\n${c.arguments}\n\`\`\``);
    }
    for (const c of turn.response.choices) {
      out.push(`### Answer${turn.response.choices.length > 1 ? ` (choice ${c.index})` : ''}`);
      if (c.reasoning.text !== '') out.push(partMarkdown({ kind: 'reasoning', text: c.reasoning }));
      if (c.content.text !== '') out.push(c.content.text.replace(GAP_MARKS, (_m, n: string) => `*(${unitOf(transcript, turn.exchange)} ${n} could not be read)*`));
      for (const t of c.toolCalls) out.push(`**Tool call** \`${t.name ?? '(unnamed tool)'}\`\n\n\`\`\`json\n${t.arguments}\n\`\`\``);
    }
    if (turn.response.error) out.push(`**Recorded error**: ${turn.response.error.type ?? 'error'} ${turn.response.error.message ?? ''}`.trim());
  }
  return `${out.filter((s) => s !== '').join('\n\n')}\n`;
}
