// What a fixture is for and what it called, for the transcript's header: the test that recorded it, the provider
// (told from the host or the endpoint), the model asked for and the model that answered, the endpoint, streamed or
// not, and when it was recorded where the format keeps it.
import type { ExchangeAnalysis, FixtureAnalysis } from '../../core';
import { asRecord, asString } from '../../core/values';
import type { HeaderView } from '../../shared/protocol';
import { requestBody } from './requestView';

/** Host suffix → provider, most specific first. */
const HOSTS: readonly (readonly [RegExp, string])[] = [
  [/(^|\.)openai\.azure\.com$|(^|\.)cognitiveservices\.azure\.com$|(^|\.)services\.ai\.azure\.com$/, 'Azure OpenAI'],
  [/(^|\.)api\.openai\.com$/, 'OpenAI'],
  [/(^|\.)api\.anthropic\.com$/, 'Anthropic'],
  [/(^|\.)generativelanguage\.googleapis\.com$/, 'Google Gemini'],
  [/aiplatform\.googleapis\.com$/, 'Google Vertex AI'],
  [/^bedrock[\w-]*\.[\w-]+\.(amazonaws\.com|api\.aws)$/, 'AWS Bedrock'],
  [/(^|\.)api\.groq\.com$/, 'Groq'],
  [/(^|\.)api\.mistral\.ai$/, 'Mistral'],
  [/(^|\.)openrouter\.ai$/, 'OpenRouter'],
  [/(^|\.)api\.deepseek\.com$/, 'DeepSeek'],
  [/(^|\.)api\.x\.ai$/, 'xAI'],
  [/(^|\.)api\.cohere\.(com|ai)$/, 'Cohere'],
  [/(^|\.)api\.together\.(xyz|ai)$/, 'Together AI'],
  [/(^|\.)api\.fireworks\.ai$/, 'Fireworks AI'],
  [/(^|\.)huggingface\.co$/, 'Hugging Face'],
  [/(^|\.)api\.perplexity\.ai$/, 'Perplexity'],
  [/(^|\.)api\.cerebras\.ai$/, 'Cerebras'],
];

export interface Endpoint {
  readonly provider: string | null;
  readonly host: string | null;
  readonly path: string | null;
}

/** The provider, host and path of a URL as recorded (`https://…`, `vertexai:///…`, OGX's `tool:name`). */
export function endpointOf(url: string): Endpoint {
  const vertex = /^vertexai:\/\/\/?(.*)$/.exec(url);
  if (vertex) return { provider: 'Google Vertex AI', host: null, path: `/${vertex[1] ?? ''}` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { provider: null, host: null, path: url === '' ? null : url };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { provider: null, host: null, path: url };
  const hostname = parsed.hostname.toLowerCase();
  const host = parsed.port ? `${hostname}:${parsed.port}` : hostname;
  // Ollama answers on 11434 wherever it runs; other local servers (vLLM, llama.cpp) are told only by their host.
  const local = hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '0.0.0.0' || hostname === '[::1]';
  const provider = HOSTS.find(([re]) => re.test(hostname))?.[1] ?? (parsed.port === '11434' ? 'Ollama' : local ? 'local server' : null);
  return { provider, host, path: parsed.pathname };
}

/** The primary exchange: the first LLM call (OGX files have one exchange; cassettes may start with an OAuth call). */
export function primaryExchange(analysis: Pick<FixtureAnalysis, 'exchanges'>): number {
  const llm = analysis.exchanges.findIndex((e) => e.dialect !== 'http');
  return llm === -1 ? 0 : llm;
}

export function headerView(analysis: Pick<FixtureAnalysis, 'format' | 'value' | 'exchanges'>, primary: number): HeaderView {
  const exchange: ExchangeAnalysis | undefined = analysis.exchanges[primary];
  const request = exchange?.request;
  const root = asRecord(analysis.value);
  const testId = asString(root?.['test_id']) ?? asString(request?.['test_id']) ?? null;
  const endpoint = endpointOf(exchange?.url ?? '');
  const body = requestBody(request).body;
  // OGX says what it called: a tool provider (tavily), a file processor (pypdf), or the endpoint it recorded.
  const ogxProvider = asString(request?.['provider']) ?? asString(asRecord(request?.['provider_metadata'])?.['provider']);
  const toolName = asString(request?.['tool_name']);
  const recordedEndpoint = asString(request?.['endpoint']) ?? (toolName ?? asString(request?.['api'])) ?? endpoint.path;
  const modelRequested = asString(body?.['model']) ?? nonEmpty(asString(request?.['model'])) ?? modelInPath(exchange?.url ?? '') ?? null;
  return {
    testId,
    provider: endpoint.provider ?? ogxProvider ?? null,
    host: endpoint.host,
    endpoint: recordedEndpoint ?? null,
    method: exchange?.method ?? null,
    modelRequested,
    modelAnswered: exchange?.reassembly.model ?? null,
    streamed: exchange?.streaming ?? false,
    recordedAt: exchange?.recordedAt ?? null,
    format: analysis.format,
    dialect: exchange?.dialect ?? 'unknown',
    status: exchange?.status ?? null,
  };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === '' ? undefined : s;
}

/** Gemini and Bedrock name the model in the path: `…/models/gemini-2.0-flash:generateContent`, `…/model/M/converse`. */
function modelInPath(url: string): string | undefined {
  const m = /\/models?\/([^/:?]+)(?::|\/(?:converse|invoke))/.exec(url);
  if (m?.[1] === undefined) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
