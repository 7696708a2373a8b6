// Hand-made fixtures and expected texts for the re-record tests (unit and extension), built independently
// of the code under test: files are written the way the recorder writes them (json.dump indent=2, ASCII
// escapes, which JSON.stringify matches for ints, strings and the floats used here), and expected texts
// replace the response by plain string surgery on the original.

export const KEY = 'sk-test-NOT-A-REAL-KEY-1234567890';
export const CHUNK_TYPE = 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk';
export const CHAT_TYPE = 'openai.types.chat.chat_completion.ChatCompletion';
export const COMPLETION_TYPE = 'openai.types.completion.Completion';
export const EMBEDDING_TYPE = 'openai.types.create_embedding_response.CreateEmbeddingResponse';
export const OLLAMA_GENERATE_TYPE = 'ollama._types.GenerateResponse';
export const OLLAMA_CHAT_TYPE = 'ollama._types.ChatResponse';
export const EPOCH = '1970-01-01T00:00:00.000000Z';

export function asciiOnly(s: string): string {
  return s.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What Python's json.dump(value, f, indent=2); f.write("\n") writes, for the values used in these tests. */
export function pythonFile(value: unknown): string {
  return `${asciiOnly(JSON.stringify(value, null, 2))}\n`;
}

/** The original with its top-level response (indented file) replaced by `response`, indented as the recorder would. */
export function expectedIndented(original: string, response: unknown): string {
  const key = '\n  "response": ';
  const start = original.indexOf(key) + key.length;
  const end = original.indexOf('\n  }', start) + '\n  }'.length;
  return original.slice(0, start) + asciiOnly(JSON.stringify(response, null, 2)).replace(/\n/g, '\n  ') + original.slice(end);
}

/** The same for a seed: indent=2 output with every line break and its indentation collapsed to one space. */
export function expectedFlat(original: string, response: unknown): string {
  const key = '"response": ';
  const start = original.indexOf(key) + key.length;
  const end = original.length - ' }'.length;
  return original.slice(0, start) + asciiOnly(JSON.stringify(response, null, 2)).replace(/\n */g, ' ') + original.slice(end);
}

export function typed(type: string, data: unknown): { __type__: string; __data__: unknown } {
  return { __type__: type, __data__: data };
}

export function chatChunk(content: string | null, finish: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'chatcmpl-NEW123',
    object: 'chat.completion.chunk',
    created: 1800000000,
    model: 'gpt-4o-2024-08-06',
    system_fingerprint: 'fp_new',
    choices: [{ index: 0, delta: { role: content === '' ? 'assistant' : null, content }, logprobs: null, finish_reason: finish }],
    ...extra,
  };
}

/** What the fake provider streams for a chat request: a greeting with a non-ASCII character, then stop and usage. */
export function servedChatChunks(): Record<string, unknown>[] {
  return [
    chatChunk('', null),
    chatChunk('Saturn', null),
    chatChunk(' has rings — “bright” ones ✨', null),
    chatChunk(null, 'stop'),
    { ...chatChunk(null, null), choices: [], usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } },
  ];
}

/** A streamed chat fixture as a newer recorder writes it: test_id, rec- ids, created 0, id_normalization_mapping. */
export function chatStreamFixture(): string {
  const recorded = [chatChunk('', null), chatChunk('Old answer', null), chatChunk(null, 'stop')].map((c) => typed(CHUNK_TYPE, { ...c, id: 'rec-0123456789ab', created: 0 }));
  return pythonFile({
    test_id: 'tests/integration/inference/test_openai_completion.py::test_chat_stream[txt=openai/gpt-4o]',
    request: {
      method: 'POST',
      url: 'https://api.openai.com/v1/v1/chat/completions',
      headers: {},
      body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Name a ringed planet ✨' }], stream: true },
      endpoint: '/v1/chat/completions',
      model: 'gpt-4o',
    },
    response: { body: recorded, is_streaming: true },
    id_normalization_mapping: {},
  });
}

export function completionFixture(streaming: boolean): string {
  const data = (text: string, finish: string | null) => ({ id: 'rec-fedcba987654', choices: [{ finish_reason: finish, index: 0, logprobs: null, text }], created: 0, model: 'gpt-3.5-turbo-instruct', object: 'text_completion', system_fingerprint: null, usage: null });
  return pythonFile({
    request: {
      method: 'POST',
      url: 'https://api.openai.com/v1/v1/completions',
      headers: {},
      body: { model: 'gpt-3.5-turbo-instruct', prompt: 'Say hello', max_tokens: 5, ...(streaming ? { stream: true } : {}) },
      endpoint: '/v1/completions',
      model: 'gpt-3.5-turbo-instruct',
    },
    response: streaming ? { body: [typed(COMPLETION_TYPE, data('Hel', null)), typed(COMPLETION_TYPE, data('lo', 'stop'))], is_streaming: true } : { body: typed(COMPLETION_TYPE, data('Hello', 'stop')), is_streaming: false },
  });
}

export function servedCompletion(text: string, finish: string | null): Record<string, unknown> {
  return { id: 'cmpl-NEW', object: 'text_completion', created: 1800000001, model: 'gpt-3.5-turbo-instruct', choices: [{ text, index: 0, logprobs: null, finish_reason: finish }] };
}

export function embeddingFixture(): string {
  return pythonFile({
    request: { method: 'POST', url: 'https://api.openai.com/v1/v1/embeddings', headers: {}, body: { model: 'text-embedding-3-small', input: ['hello'], encoding_format: 'float' }, endpoint: '/v1/embeddings', model: 'text-embedding-3-small' },
    response: { body: typed(EMBEDDING_TYPE, { data: [{ embedding: [0.5, -0.25], index: 0, object: 'embedding' }], model: 'text-embedding-3-small', object: 'list', usage: { prompt_tokens: 1, total_tokens: 1 } }), is_streaming: false },
  });
}

export function ollamaGenerateStreamFixture(): string {
  const chunk = (response: string, done: boolean) => ({
    model: 'llama3.2:3b',
    created_at: EPOCH,
    done,
    done_reason: done ? 'stop' : null,
    total_duration: done ? 0 : null,
    load_duration: done ? 0 : null,
    prompt_eval_count: done ? 5 : null,
    prompt_eval_duration: done ? 0 : null,
    eval_count: done ? 2 : null,
    eval_duration: done ? 0 : null,
    response,
    thinking: null,
    context: null,
  });
  return pythonFile({
    test_id: 'tests/integration/inference/test_text_inference.py::test_text_completion_stream[txt=ollama/llama3.2:3b]',
    request: { method: 'POST', url: 'http://0.0.0.0:11434/api/generate', headers: {}, body: { model: 'llama3.2:3b', prompt: 'Say hi', options: { temperature: 0 }, stream: true }, endpoint: '/api/generate', model: 'llama3.2:3b' },
    response: { body: [typed(OLLAMA_GENERATE_TYPE, chunk('Hi', false)), typed(OLLAMA_GENERATE_TYPE, chunk('', true))], is_streaming: true },
    id_normalization_mapping: {},
  }).replace('"temperature": 0', '"temperature": 0.0');
}

export function servedOllamaGenerate(): Record<string, unknown>[] {
  return [
    { model: 'llama3.2:3b', created_at: '2026-11-21T10:00:00.123456Z', response: 'Hel', done: false },
    { model: 'llama3.2:3b', created_at: '2026-11-21T10:00:00.223456Z', response: 'lo!', done: false },
    { model: 'llama3.2:3b', created_at: '2026-11-21T10:00:00.323456Z', response: '', done: true, done_reason: 'stop', context: [1, 2, 3], total_duration: 123456789, load_duration: 1000, prompt_eval_count: 5, prompt_eval_duration: 2000, eval_count: 2, eval_duration: 3000 },
  ];
}

/** An older-style Ollama chat recording: no test_id, real timestamps (not normalized), no "stream" in the body. */
export function ollamaChatFixture(): string {
  return pythonFile({
    request: { method: 'POST', url: 'http://localhost:11434/api/chat', headers: {}, body: { model: 'llama3.2:3b', messages: [{ role: 'user', content: 'Hi' }] }, endpoint: '/api/chat', model: 'llama3.2:3b' },
    response: {
      body: typed(OLLAMA_CHAT_TYPE, { model: 'llama3.2:3b', created_at: '2025-09-03T17:36:17.894986Z', done: true, done_reason: 'stop', total_duration: 363397458, load_duration: 86692791, prompt_eval_count: 23, prompt_eval_duration: 68658541, eval_count: 6, eval_duration: 207389084, message: { role: 'assistant', content: 'Hello.', thinking: null, images: null, tool_calls: null } }),
      is_streaming: false,
    },
  });
}

export function servedOllamaChat(): Record<string, unknown> {
  return { model: 'llama3.2:3b', created_at: '2026-11-21T10:00:01.5Z', message: { role: 'assistant', content: 'Hello again.' }, done_reason: 'stop', done: true, total_duration: 5, load_duration: 1, prompt_eval_count: 23, prompt_eval_duration: 2, eval_count: 3, eval_duration: 2 };
}

export function exceptionFixture(): string {
  return pythonFile({
    request: { method: 'POST', url: 'https://api.openai.com/v1/v1/chat/completions', headers: {}, body: { model: 'gpt-4o', messages: [] }, endpoint: '/v1/chat/completions', model: 'gpt-4o' },
    response: { body: null, is_streaming: false, is_exception: true, exception_data: { type: 'BadRequestError', message: 'bad', status_code: 400 } },
  });
}
