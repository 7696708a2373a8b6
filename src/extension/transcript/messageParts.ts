// The parts of one request message, read from any API's content shape: OpenAI and Responses parts, Anthropic blocks
// (tool_use, tool_result), Gemini/Vertex parts, Bedrock Converse blocks, Cohere documents. Untrusted JSON, no shape assumed.
import { asArray, asRecord, asString } from '../../core/values';
import { IMAGE_DATA_URL, type MessagePart, type ToolCallView } from '../../shared/protocol';
import { jsonLines } from './jsonTree';
import { textBlock } from './textBlock';
import { toolCallView } from './toolCallView';

/** A tool result found inside another message's content (Anthropic `tool_result`, Bedrock `toolResult`): shown as a message of its own. */
export interface NestedResult {
  readonly toolCallId: string | null;
  readonly name: string | null;
  readonly parts: MessagePart[];
  /** Index of the block in the content list, for the message's place in the JSON. */
  readonly block: number;
}

export interface ContentParts {
  parts: MessagePart[];
  toolCalls: ToolCallView[];
  results: NestedResult[];
}

export function textPart(text: string): MessagePart {
  return { kind: 'text', text: textBlock(text) };
}

export function jsonPart(label: string, value: unknown, open = false): MessagePart {
  return { kind: 'json', label, lines: jsonLines(value), open };
}

/**
 * A tool's result as the transcript shows it: text that is a JSON object or array becomes a tree (it is data, not
 * Markdown), anything else stays text.
 */
export function resultParts(parts: readonly MessagePart[]): MessagePart[] {
  return parts.map((p) => {
    if (p.kind !== 'text' || p.text.omitted > 0) return p;
    const value = parseJsonContainer(p.text.text);
    return value === undefined ? p : jsonPart('JSON result', value, true);
  });
}

/** The parsed value when `text` is a JSON object or array, else undefined. */
export function parseJsonContainer(text: string): unknown {
  const t = text.trimStart();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A message's `content`: a string, null, or a list of typed parts. */
export function contentParts(content: unknown): ContentParts {
  const out: ContentParts = { parts: [], toolCalls: [], results: [] };
  if (content === null || content === undefined) return out;
  if (typeof content === 'string') {
    out.parts.push(textPart(content));
    return out;
  }
  const list = asArray(content);
  if (!list) {
    out.parts.push(jsonPart('content', content));
    return out;
  }
  list.forEach((raw, block) => addPart(out, raw, block));
  return out;
}

function addPart(out: ContentParts, raw: unknown, block: number): void {
  if (typeof raw === 'string') {
    out.parts.push(textPart(raw));
    return;
  }
  const p = asRecord(raw);
  if (!p) {
    out.parts.push(jsonPart('part', raw));
    return;
  }
  const type = asString(p['type']);
  if (type === undefined) {
    addUntypedPart(out, p, block);
    return;
  }
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      out.parts.push(textPart(asString(p['text']) ?? ''));
      return;
    case 'refusal':
      out.parts.push(textPart(asString(p['refusal']) ?? ''));
      return;
    case 'thinking':
    case 'reasoning_text':
      out.parts.push({ kind: 'reasoning', text: textBlock(asString(p['thinking']) ?? asString(p['text']) ?? '') });
      return;
    case 'redacted_thinking':
      out.parts.push({ kind: 'reasoning', text: textBlock('(redacted thinking)') });
      return;
    case 'image_url':
    case 'input_image': {
      const ref = p['image_url'];
      const url = asString(ref) ?? asString(asRecord(ref)?.['url']);
      out.parts.push(url !== undefined ? imagePart(url) : jsonPart(type, p));
      return;
    }
    case 'image': {
      const source = asRecord(p['source']);
      const data = asString(source?.['data']);
      const url = asString(source?.['url']);
      if (data !== undefined) out.parts.push(imagePart(base64DataUrl(data, asString(source?.['media_type']))));
      else if (url !== undefined) out.parts.push(imagePart(url));
      else out.parts.push(jsonPart(type, p));
      return;
    }
    case 'tool_use':
    case 'server_tool_use':
      out.toolCalls.push(toolCallView(asString(p['id']) ?? null, asString(p['name']) ?? null, p['input']));
      return;
    case 'tool_result': {
      const inner = contentParts(p['content']);
      out.results.push({ toolCallId: asString(p['tool_use_id']) ?? null, name: null, parts: resultParts(inner.parts), block });
      return;
    }
    case 'document': {
      // Cohere's tool results are documents holding their data as a string or an object.
      const doc = asRecord(p['document']);
      const data = doc?.['data'];
      if (typeof data === 'string') out.parts.push(...resultParts([textPart(data)]));
      else if (data !== undefined) out.parts.push(jsonPart('document', data, true));
      else out.parts.push(jsonPart(type, p));
      return;
    }
    default:
      out.parts.push(jsonPart(type, p));
  }
}

/** Bedrock Converse blocks have no `type`: the one key they hold says what they are. */
function addUntypedPart(out: ContentParts, p: Readonly<Record<string, unknown>>, block: number): void {
  const text = asString(p['text']);
  if (text !== undefined) {
    out.parts.push(textPart(text));
    return;
  }
  const use = asRecord(p['toolUse']);
  if (use) {
    out.toolCalls.push(toolCallView(asString(use['toolUseId']) ?? null, asString(use['name']) ?? null, use['input']));
    return;
  }
  const result = asRecord(p['toolResult']);
  if (result) {
    const parts: MessagePart[] = [];
    for (const c of asArray(result['content']) ?? []) {
      const r = asRecord(c);
      if (r && r['json'] !== undefined) parts.push(jsonPart('JSON result', r['json'], true));
      else if (r && typeof r['text'] === 'string') parts.push(...resultParts([textPart(r['text'])]));
      else parts.push(jsonPart('part', c));
    }
    out.results.push({ toolCallId: asString(result['toolUseId']) ?? null, name: null, parts, block });
    return;
  }
  const reasoning = asRecord(p['reasoningContent']);
  if (reasoning) {
    out.parts.push({ kind: 'reasoning', text: textBlock(asString(asRecord(reasoning['reasoningText'])?.['text']) ?? '') });
    return;
  }
  const image = asRecord(p['image']);
  const bytes = asString(asRecord(image?.['source'])?.['bytes']);
  if (image && bytes !== undefined) {
    const format = asString(image['format']);
    out.parts.push(imagePart(base64DataUrl(bytes, format ? `image/${format === 'jpg' ? 'jpeg' : format}` : undefined)));
    return;
  }
  if ('cachePoint' in p) return;
  out.parts.push(jsonPart('part', p));
}

/** A raster data: URL becomes an inline image; anything else (http, svg, file, …) only a link the user may open outside. */
export function imagePart(url: string): MessagePart {
  return IMAGE_DATA_URL.test(url) ? { kind: 'image', dataUrl: url } : { kind: 'remoteImage', url };
}

/** Bare base64 as a data: URL, with the media type given or sniffed from the magic bytes. */
export function base64DataUrl(data: string, mediaType: string | undefined): string {
  const sniffed = data.startsWith('iVBOR') ? 'image/png' : data.startsWith('/9j/') ? 'image/jpeg' : data.startsWith('R0lGOD') ? 'image/gif' : data.startsWith('UklGR') ? 'image/webp' : undefined;
  return `data:${mediaType ?? sniffed ?? 'application/octet-stream'};base64,${data}`;
}
