// checkUsage (usage-inconsistent) on hand-made recordings: the warning, its exact range, the dialects it leaves alone.
import assert from 'node:assert/strict';
import { parseJsonText } from '../../src/core/jsonText';
import { analyzeOgxRecording } from '../../src/core/ogx/analyzeRecording';
import { checkUsage, usagePathInItem } from '../../src/core/usageCheck';

const chunk = (data: object): string => JSON.stringify({ __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk', __data__: data });

function stream(usage: object): string {
  return `{
  "test_id": "tests/t.py::test_x",
  "request": {"method": "POST", "url": "https://api.openai.com/v1/v1/chat/completions", "headers": {}, "body": {"model": "gpt-4o", "messages": [], "stream": true}, "endpoint": "/v1/chat/completions", "model": "gpt-4o"},
  "response": {
    "body": [
      ${chunk({ id: 'rec-1', model: 'gpt-4o', object: 'chat.completion.chunk', created: 0, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }] })},
      ${chunk({ id: 'rec-1', model: 'gpt-4o', object: 'chat.completion.chunk', created: 0, choices: [], usage })}
    ],
    "is_streaming": true
  }
}
`;
}

function check(text: string): ReturnType<typeof checkUsage> {
  const a = analyzeOgxRecording(text, parseJsonText(text), {});
  return checkUsage({ reassembly: a.reassembly, rows: a.rows, items: a.items, itemPath: (i) => a.itemPath(i), locate: (p) => a.locator.locate(p)?.span });
}

describe('checkUsage', () => {
  it('warns when total_tokens is not prompt + completion, at the total', () => {
    const text = stream({ prompt_tokens: 64, completion_tokens: 17, total_tokens: 90 });
    const d = check(text)!;
    assert.deepEqual({ ...d, span: undefined }, {
      code: 'usage-inconsistent',
      severity: 'warning',
      message: 'usage.total_tokens is 90, but prompt_tokens + completion_tokens is 64 + 17 = 81.',
      span: undefined,
      path: ['response', 'body', 1, '__data__', 'usage', 'total_tokens'],
      item: 1,
    });
    assert.equal(text.slice(d.span.start, d.span.end), '90');
  });

  it('is silent when the total adds up, when a count is missing, and for APIs whose total counts more', () => {
    assert.equal(check(stream({ prompt_tokens: 64, completion_tokens: 17, total_tokens: 81 })), undefined);
    assert.equal(check(stream({ prompt_tokens: 64, total_tokens: 90 })), undefined);
    const vertex = `{"request": {"method": "POST", "url": "vertexai:///generate_content", "headers": {}, "body": {}, "endpoint": "/generate_content", "model": "gemini"},
 "response": {"body": {"candidates": [{"content": {"parts": [{"text": "Hi"}], "role": "model"}, "finish_reason": "STOP", "index": 0}], "usage_metadata": {"prompt_token_count": 5, "candidates_token_count": 2, "total_token_count": 30, "thoughts_token_count": 23}}, "is_streaming": false}}`;
    assert.equal(check(vertex), undefined);
  });

  it('finds the usage block in an item, wherever the API puts it', () => {
    assert.deepEqual(usagePathInItem({ __data__: { usage: {} } }), ['__data__', 'usage']);
    assert.deepEqual(usagePathInItem({ usage: { total_tokens: 1 } }), ['usage']);
    assert.deepEqual(usagePathInItem({ __data__: { response: { usage: {} } } }), ['__data__', 'response', 'usage']);
    assert.equal(usagePathInItem({ __data__: { usage: null } }), undefined);
    assert.equal(usagePathInItem('data: {}'), undefined);
  });
});
