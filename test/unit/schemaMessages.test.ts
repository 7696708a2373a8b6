// Schema messages say what is wrong with a value, also where the type is right and the value is not:
// a number literal too large for a 64-bit float (`1e999999`) parses as Infinity, which every number
// field refuses; the message must say so, not "expected number, got number".
import assert from 'node:assert/strict';
import { analyzeFixture } from '../../src/core';

function chunkFixture(created: string, model = '"gpt-4o"'): string {
  return `{
  "request": {"method": "POST", "url": "https://api.openai.com/v1/chat/completions", "endpoint": "/v1/chat/completions", "model": "gpt-4o", "body": {"model": "gpt-4o", "stream": true}},
  "response": {
    "body": [
      {"__type__": "openai.types.chat.chat_completion_chunk.ChatCompletionChunk", "__data__": {"id": "c", "object": "chat.completion.chunk", "created": ${created}, "model": ${model}, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}]}}
    ],
    "is_streaming": true
  }
}
`;
}

const schemaMessages = (text: string): string[] => analyzeFixture(text).diagnostics.filter((d) => d.code === 'chunk-schema').map((d) => d.message);

describe('schema messages', () => {
  it('a number too large for a float is named as such, negative or positive', () => {
    assert.deepEqual(schemaMessages(chunkFixture('1e999999')), ['created: the number is too large for a 64-bit float (it reads as Infinity)']);
    assert.deepEqual(schemaMessages(chunkFixture('-1e400')), ['created: the number is too large for a 64-bit float (it reads as -Infinity)']);
  });

  it('a wrong type is still a wrong type, also when the value is such a number', () => {
    assert.deepEqual(schemaMessages(chunkFixture('"yesterday"')), ['created: expected number or null, got string']);
    assert.deepEqual(schemaMessages(chunkFixture('1', '1e999')), ['model: expected string or null, got number']);
  });

  it('an ordinary number passes', () => {
    assert.deepEqual(schemaMessages(chunkFixture('1800000000')), []);
  });
});
