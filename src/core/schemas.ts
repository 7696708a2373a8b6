// zod schemas for the envelope and every item type, written from real recordings: every field may be
// null, most may be absent, and unknown extra fields are allowed (looseObject), because providers add
// fields (obfuscation, service_tier, content_filter_results) at will.
import { z } from 'zod';

// Each helper carries its own message so a diagnostic reads "expected string or null, got number".
const str = () => z.string({ error: 'expected string or null' }).nullish();
const num = () => z.number({ error: 'expected number or null' }).nullish();
const bool = () => z.boolean({ error: 'expected boolean or null' }).nullish();
const obj = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape, { error: 'expected object' });
const nobj = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape, { error: 'expected object or null' }).nullish();
const arr = <T extends z.ZodType>(item: T) => z.array(item, { error: 'expected array' });
const narr = <T extends z.ZodType>(item: T) => z.array(item, { error: 'expected array or null' }).nullish();

const openAiUsage = nobj({ prompt_tokens: num(), completion_tokens: num(), total_tokens: num() });

const toolCallFragment = obj({
  index: z.number({ error: 'expected number' }).nullish(),
  id: str(),
  type: str(),
  function: nobj({ name: str(), arguments: str() }),
});

export const chatCompletionChunkData = obj({
  id: str(),
  model: str(),
  created: num(),
  choices: arr(
    obj({
      index: z.number({ error: 'expected number' }),
      delta: nobj({ content: str(), reasoning_content: str(), reasoning: str(), refusal: str(), role: str(), tool_calls: narr(toolCallFragment) }),
      finish_reason: str(),
    }),
  ),
  usage: openAiUsage,
});

export const chatCompletionData = obj({
  id: str(),
  model: str(),
  choices: arr(
    obj({
      index: num(),
      message: obj({ content: str(), reasoning_content: str(), reasoning: str(), refusal: str(), role: str(), tool_calls: narr(toolCallFragment) }),
      finish_reason: str(),
    }),
  ),
  usage: openAiUsage,
});

export const completionData = obj({
  id: str(),
  model: str(),
  choices: arr(obj({ index: num(), text: str(), finish_reason: str() })),
  usage: openAiUsage,
});

export const embeddingsData = obj({
  model: str(),
  data: arr(obj({ index: num(), embedding: z.union([arr(z.number()), z.string()], { error: 'expected array of numbers or base64 string' }) })),
  usage: nobj({ prompt_tokens: num(), total_tokens: num() }),
});

export const modelData = obj({ id: z.string({ error: 'expected string' }) });

export const ollamaGenerateData = obj({
  model: str(),
  response: str(),
  thinking: str(),
  done: bool(),
  done_reason: str(),
  prompt_eval_count: num(),
  eval_count: num(),
});

const ollamaToolCall = obj({ function: obj({ name: z.string({ error: 'expected string' }), arguments: z.unknown().optional() }) });
export const ollamaChatData = obj({
  model: str(),
  message: nobj({ role: str(), content: str(), thinking: str(), tool_calls: narr(ollamaToolCall) }),
  done: bool(),
  done_reason: str(),
  prompt_eval_count: num(),
  eval_count: num(),
});

export const ollamaEmbedData = obj({ model: str(), embeddings: narr(arr(z.number())) });
export const ollamaListData = obj({ models: narr(obj({})), status: str() });
export const toolInvocationData = obj({ content: z.unknown().optional(), error_message: str(), error_code: num() });

export const vertexItem = obj({
  candidates: narr(
    obj({
      index: num(),
      content: nobj({ role: str(), parts: narr(obj({ text: str(), thought: bool(), function_call: nobj({ name: str(), args: z.unknown().optional() }) })) }),
      finish_reason: str(),
    }),
  ),
  usage_metadata: nobj({ prompt_token_count: num(), candidates_token_count: num(), total_token_count: num() }),
  model_version: str(),
  response_id: str(),
});

export const typedItem = obj({
  __type__: z.string({ error: 'expected string' }),
  __data__: z.looseObject({}, { error: 'expected object' }),
});

export const exceptionData = obj({ type: str(), message: str(), status_code: num() });

export const envelope = obj({
  test_id: str(),
  request: obj({ method: str(), url: str(), endpoint: str(), model: str(), body: z.unknown().optional(), payload: z.unknown().optional() }),
  response: obj({
    body: z.unknown().optional(),
    is_streaming: z.boolean({ error: 'expected boolean' }),
    status: num(),
    is_exception: bool(),
    exception_data: nobj({}),
    exception_message: str(),
  }),
  id_normalization_mapping: nobj({}),
});

export type EnvelopeData = z.infer<typeof envelope>;
