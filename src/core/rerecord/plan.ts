// Everything a re-record needs to know before it sends anything, read from the fixture text alone:
// whether the dialect can be re-recorded, what to send where (endpoint and body as recorded), how the
// answer arrives (server-sent events, NDJSON or one JSON document), and how to write it back.
import { parseTree, type Node } from 'jsonc-parser';
import { analyzeFixture } from '../analyzeFixture';
import { typeNameOf, type DialectId } from '../dialect';
import { writePythonJson, type JsonLayout } from '../ogx/pythonJsonDump';
import { isPyDict, pyBool, pyJsonFromNode, type PyDict } from '../ogx/pythonJsonValue';
import { RerecordError } from './errors';
import { detectLayout, indentationOfLine } from './layout';
import { normalizationStyleOf, type NormalizationStyle } from './normalize';
import { MAX_DEPTH } from './providerJson';

export type ProviderFamily = 'openai' | 'ollama';
/** sse: OpenAI streams; ndjson: Ollama streams (one JSON object a line); json: one document. */
export type WireFormat = 'sse' | 'ndjson' | 'json';

const FAMILY: Partial<Record<DialectId, ProviderFamily>> = {
  'openai-chat-stream': 'openai',
  'openai-chat': 'openai',
  'openai-completion-stream': 'openai',
  'openai-completion': 'openai',
  'openai-embeddings': 'openai',
  'ollama-generate-stream': 'ollama',
  'ollama-generate': 'ollama',
  'ollama-chat-stream': 'ollama',
  'ollama-chat': 'ollama',
};

export function isRerecordable(dialect: DialectId): boolean {
  return FAMILY[dialect] !== undefined;
}

/** The request body as sent: compact, numbers as recorded (0.0 stays a float), any characters. */
const WIRE_LAYOUT: JsonLayout = { kind: 'compact', unit: '', eol: '', flatGap: '', keySeparator: ':', itemSeparator: ',', ensureAscii: false };

export interface ResponseSite {
  /** UTF-16 offsets of the `response` value in the fixture text (half-open). */
  readonly start: number;
  readonly end: number;
  /** Offset of the `"response"` key, where the CodeLens sits. */
  readonly keyStart: number;
  /** The recorded response, to keep its keys other than body and is_streaming. */
  readonly value: PyDict;
}

export interface RerecordPlan {
  readonly dialect: DialectId;
  readonly family: ProviderFamily;
  /** The recorded `request.endpoint`, e.g. /v1/chat/completions or /api/generate. */
  readonly endpoint: string;
  /** The recorded `request.body`, serialized for sending. */
  readonly requestBody: string;
  readonly streaming: boolean;
  readonly wire: WireFormat;
  /** The `__type__` of the recorded items, given to every new one. */
  readonly typeName: string;
  readonly style: NormalizationStyle;
  /** The recorded `request.url`: only ever used to pick a configured provider, never as a destination. */
  readonly recordedUrl: string | undefined;
  readonly testId: string | undefined;
  readonly response: ResponseSite;
  readonly layout: JsonLayout;
  /** Indentation of the line holding the `"response"` key. */
  readonly baseIndent: string;
}

function tooDeep(): RerecordError {
  return new RerecordError('malformed', `values are nested deeper than ${MAX_DEPTH} levels`);
}

function propertyNodes(object: Node | undefined, key: string): Node[] {
  if (!object || object.type !== 'object') return [];
  return (object.children ?? []).filter((p) => p.children?.[0]?.value === key);
}

/** Reads the plan off a fixture text; throws RerecordError (not-fixture / unsupported) when there is none. */
export function planRerecord(text: string): RerecordPlan {
  const analysis = analyzeFixture(text);
  if (analysis.value === undefined || !analysis.complete) throw new RerecordError('not-fixture', 'not a fixture (the text is not valid JSON)');
  if (!analysis.request || !analysis.response) throw new RerecordError('not-fixture', 'not a fixture (no "request" and "response" objects)');
  const family = FAMILY[analysis.dialect];
  if (!family) throw new RerecordError('unsupported', `re-recording is not supported for ${analysis.dialect} fixtures`);

  // A BOM is blanked rather than cut off, so offsets stay those of the text.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const root = parseTree(source, [], { allowTrailingComma: true });
  const responses = propertyNodes(root, 'response');
  const requests = propertyNodes(root, 'request');
  if (responses.length !== 1 || requests.length !== 1) throw new RerecordError('not-fixture', 'not a fixture (it needs exactly one "request" and one "response")');
  const responseProperty = responses[0] as Node;
  const responseNode = responseProperty.children?.[1];
  if (responseNode?.type !== 'object') throw new RerecordError('not-fixture', 'not a fixture ("response" is not an object)');
  const responseValue = pyJsonFromNode(responseNode, source, MAX_DEPTH);
  if (!isPyDict(responseValue)) throw tooDeep();

  const requestNode = requests[0]?.children?.[1];
  const endpoint = analysis.request['endpoint'];
  if (typeof endpoint !== 'string' || !endpoint.startsWith('/')) throw new RerecordError('unsupported', 're-recording needs the recorded request.endpoint (a path starting with /)');
  const bodyNode = propertyNodes(requestNode, 'body')[0]?.children?.[1];
  if (bodyNode?.type !== 'object') throw new RerecordError('unsupported', 're-recording needs the recorded request.body (an object)');
  const body = pyJsonFromNode(bodyNode, source, MAX_DEPTH);
  if (!isPyDict(body)) throw tooDeep();

  const stream = body.entries.get('stream');
  const streaming = stream?.kind === 'bool' && stream.value;
  let sent = body;
  // The Ollama client sends "stream": false unless asked to stream, and the recorder keeps only the
  // caller's arguments; Ollama's server streams when the field is absent, so it is put back.
  if (family === 'ollama' && stream === undefined) sent = { kind: 'dict', entries: new Map([...body.entries, ['stream', pyBool(false)]]) };

  const typeName = analysis.items.map(typeNameOf).find((t) => t !== undefined);
  if (typeName === undefined) throw new RerecordError('unsupported', `re-recording is not supported for ${analysis.dialect} fixtures without typed items`);

  const recordedUrl = analysis.request['url'];
  const testId = analysis.value !== null && typeof analysis.value === 'object' ? (analysis.value as { test_id?: unknown }).test_id : undefined;
  const keyStart = responseProperty.children?.[0]?.offset ?? responseProperty.offset;
  return {
    dialect: analysis.dialect,
    family,
    endpoint,
    requestBody: writePythonJson(sent, WIRE_LAYOUT),
    streaming,
    wire: streaming ? (family === 'ollama' ? 'ndjson' : 'sse') : 'json',
    typeName,
    style: normalizationStyleOf(analysis.items),
    recordedUrl: typeof recordedUrl === 'string' ? recordedUrl : undefined,
    testId: typeof testId === 'string' ? testId : undefined,
    response: { start: responseNode.offset, end: responseNode.offset + responseNode.length, keyStart, value: responseValue },
    layout: detectLayout(text),
    baseIndent: indentationOfLine(source, keyStart),
  };
}
