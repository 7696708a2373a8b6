// The recorder's "Recording not found" messages, every variant the recorder prints, read out of the text around
// them; and the recordings Explain Missing Recording offers for one, nearest first.
import assert from 'node:assert/strict';
import { explainMiss, volatileFields } from '../../src/core/audit/missingRecording';
import { parseRecorderMessage } from '../../src/core/audit/recorderMessage';
import { readRecordingFacts, type RecordingFacts } from '../../src/core/audit/recordingFacts';
import { parsePythonJson } from '../../src/core/ogx/pythonJsonParse';
import { hashRuleSet } from '../../src/core/ogx/hashRules';
import { RuleHashes } from '../../src/core/ogx/recordingName';
import { readRequest } from '../../src/core/ogx/requestMembers';

const HASH = 'bfa38c097b0589ca4d7b4f1f6a3e9a1c2b9e0d8f7a6b5c4d3e2f1a0b9c8d7e6f';
const RUN = "Run './scripts/integration-tests.sh --inference-mode record-if-missing' with required API keys to generate.";

describe('parseRecorderMessage', () => {
  it('reads the inference message, and the node id of the FAILED line', () => {
    const log = [
      'FAILED tests/integration/inference/test_openai_completion.py::test_openai_chat_completion_non_streaming[txt=ollama/llama3.2:3b-inference:chat_completion:non_streaming_01] - RuntimeError: Recording not found for request hash: ' + HASH,
      'Model: llama3.2:3b | Request: POST http://0.0.0.0:11434/v1/v1/chat/completions',
      '',
      RUN,
    ].join('\n');
    assert.deepEqual(parseRecorderMessage(log), {
      miss: { kind: 'inference', hash: HASH, model: 'llama3.2:3b', method: 'POST', url: 'http://0.0.0.0:11434/v1/v1/chat/completions' },
      testId: 'tests/integration/inference/test_openai_completion.py::test_openai_chat_completion_non_streaming[txt=ollama/llama3.2:3b-inference:chat_completion:non_streaming_01]',
      testName: null,
    });
  });

  it('reads pytest\'s E-prefixed lines, colors, a hash cut short and a test header', () => {
    const log = '\x1b[31m_____ test_response_file_search[openai_client-txt=openai/gpt-4o] _____\x1b[0m\n' +
      'E       RuntimeError: Recording not found for request hash: bfa38c097b0589ca...\n' +
      'E       Model: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions\n';
    assert.deepEqual(parseRecorderMessage(log), {
      miss: { kind: 'inference', hash: 'bfa38c097b0589ca', model: 'gpt-4o', method: 'POST', url: 'https://api.openai.com/v1/v1/chat/completions' },
      testId: null,
      testName: 'test_response_file_search[openai_client-txt=openai/gpt-4o]',
    });
  });

  it('reads a message JSON-escaped in a server error, and one with no model', () => {
    const body = JSON.stringify({ detail: `Recording not found for request hash: ${HASH}\nModel: unknown | Request: POST http://localhost:8000/v1/embeddings\n\n${RUN}` });
    assert.deepEqual(parseRecorderMessage(`openai.InternalServerError: Error code: 500 - ${body}`)?.miss, { kind: 'inference', hash: HASH, model: null, method: 'POST', url: 'http://localhost:8000/v1/embeddings' });
  });

  it('reads the genai variant', () => {
    assert.deepEqual(parseRecorderMessage(`RuntimeError: Recording not found for genai request hash: ${HASH}\nModel: gemini-2.0-flash | Endpoint: /generate_content_stream\n\nRun './scripts/integration-tests.sh --inference-mode record-if-missing' with required API keys.`)?.miss,
      { kind: 'genai', hash: HASH, model: 'gemini-2.0-flash', endpoint: '/generate_content_stream' });
  });

  it('reads the tool variant', () => {
    assert.deepEqual(parseRecorderMessage(`RuntimeError: Recording not found for tavily-search.web_search | Request: {'query': 'latest news', 'max_results': 3}\n\n${RUN}`)?.miss,
      { kind: 'tool', provider: 'tavily-search', toolName: 'web_search', request: "{'query': 'latest news', 'max_results': 3}" });
  });

  it('reads the raw HTTP variants: rerank, httpx POST and httpx stream POST', () => {
    assert.deepEqual(parseRecorderMessage(`Recording not found for rerank request | URL: http://localhost:8000/v1/rerank\n\n${RUN}`)?.miss, { kind: 'http', url: 'http://localhost:8000/v1/rerank', method: 'POST', stream: false, via: 'rerank' });
    assert.deepEqual(parseRecorderMessage(`Recording not found for httpx POST http://0.0.0.0:11434/v1/messages\n\n${RUN}`)?.miss, { kind: 'http', url: 'http://0.0.0.0:11434/v1/messages', method: 'POST', stream: false, via: 'httpx' });
    assert.deepEqual(parseRecorderMessage(`Recording not found for httpx stream POST https://generativelanguage.googleapis.com/v1beta/interactions\n\n${RUN}`)?.miss, { kind: 'http', url: 'https://generativelanguage.googleapis.com/v1beta/interactions', method: 'POST', stream: true, via: 'httpx' });
  });

  it('reads the first recorder\'s message, and a message cut after its first line', () => {
    assert.deepEqual(parseRecorderMessage('No recorded response found for request hash: 0b3f2e4754ff\nTo record this response, run with LLAMA_STACK_TEST_INFERENCE_MODE=record')?.miss, { kind: 'inference', hash: '0b3f2e4754ff', model: null, method: null, url: null });
    assert.deepEqual(parseRecorderMessage(`Recording not found for request hash: ${HASH}`)?.miss, { kind: 'inference', hash: HASH, model: null, method: null, url: null });
  });

  it('finds nothing in other text, and never throws', () => {
    assert.equal(parseRecorderMessage('AssertionError: expected 4, got 5'), undefined);
    assert.equal(parseRecorderMessage(''), undefined);
    assert.equal(parseRecorderMessage('Recording not found for nothing'), undefined);
    assert.equal(parseRecorderMessage('Recording not found for request hash: zz'), undefined);
    assert.equal(parseRecorderMessage(`${'['.repeat(200000)}Recording not found for httpx POST`), undefined);
  });
});

const TEST = 'tests/integration/inference/test_openai_completion.py::test_openai_chat_completion_non_streaming[txt=gpt-4o]';

function request(content: string, model = 'gpt-4o', url = 'https://api.openai.com/v1/v1/chat/completions'): string {
  return JSON.stringify({ method: 'POST', url, headers: {}, body: { model, messages: [{ role: 'user', content }], stream: false }, endpoint: '/v1/chat/completions', model }, null, 2);
}

function facts(path: string, requestText: string, testId: string | null, name?: string): RecordingFacts {
  const h = new RuleHashes(readRequest(requestText, 0, true), testId).hash(hashRuleSet('file-search')!)!;
  const text = `{"test_id": ${JSON.stringify(testId)}, "request": ${requestText}, "response": {"body": null, "is_streaming": false}}`;
  return readRecordingFacts(`${path}/${name ?? h}.json`, text)!;
}

describe('explainMiss', () => {
  const dir = 'tests/integration/inference/recordings';
  const recordings = [
    facts(dir, request('Which planet has rings?'), TEST),
    facts(dir, request('Which planet has rings?', 'gpt-4o-mini'), TEST.replace('gpt-4o]', 'gpt-4o-mini]')),
    facts(dir, request('Hello'), 'tests/integration/inference/test_openai_completion.py::test_other'),
    facts(dir, request('Hello', 'gpt-4o', 'https://api.openai.com/v1/v1/embeddings'), TEST),
    facts('tests/integration/common/recordings', request('Which planet has rings?'), null),
  ];

  it('lists the test\'s recordings, nearest first, with what each shares', () => {
    const miss = { kind: 'inference' as const, hash: HASH, model: 'gpt-4o', method: 'POST', url: 'https://api.openai.com/v1/v1/chat/completions' };
    const out = explainMiss(miss, TEST, recordings);
    assert.deepEqual(out.candidates.map((c) => [c.recording.path, c.score, c.shares]), [
      [recordings[0]!.path, 14, ['the test', 'the endpoint', 'the model']],
      [recordings[3]!.path, 10, ['the test', 'the model']],
      [recordings[1]!.path, 9, ['the test function', 'the endpoint']],
    ]);
    assert.deepEqual(out.sameName, []);
    assert.deepEqual(out.sameRequest, []);
    assert.match(out.hashedFields, /^An inference call is hashed from the method, the URL's path \(not its host\), the body and the test id/);
  });

  it('with no test known, lists whatever went to the endpoint; finds a recording of the very request under another name', () => {
    const target = recordings[0]!;
    const renamed = facts(dir, request('Which planet has rings?'), TEST, '0'.repeat(64));
    const miss = { kind: 'inference' as const, hash: target.currentHash!, model: 'gpt-4o', method: 'POST', url: 'https://api.openai.com/v1/v1/chat/completions' };
    const out = explainMiss(miss, null, [...recordings, renamed]);
    assert.deepEqual(out.candidates.map((c) => [c.recording.path, c.score, c.shares]), [
      [target.path, 34, ['the request', 'the file name the recorder looked for', 'the endpoint', 'the model']],
      [renamed.path, 22, ['the request', 'the endpoint', 'the model']],
      [recordings[4]!.path, 6, ['the endpoint', 'the model']],
      [recordings[2]!.path, 6, ['the endpoint', 'the model']],
      [recordings[1]!.path, 4, ['the endpoint']],
    ]);
    assert.deepEqual(out.sameName.map((r) => r.path), [target.path]);
    assert.deepEqual(out.sameRequest.map((r) => r.path), [renamed.path]);
  });

  it('knows tool and raw HTTP misses', () => {
    const tool = readRecordingFacts(`${dir}/${'a'.repeat(64)}.json`, '{"test_id": "t.py::t", "request": {"test_id": "t.py::t", "provider": "tavily-search", "tool_name": "web_search", "kwargs": {"query": "x"}}, "response": {"body": null}}')!;
    const out = explainMiss({ kind: 'tool', provider: 'tavily-search', toolName: 'web_search', request: "{'query': 'y'}" }, null, [...recordings, tool]);
    assert.deepEqual(out.candidates.map((c) => [c.recording.path, c.shares]), [[tool.path, ['the tool']]]);
    assert.match(out.hashedFields, /^A tool call is hashed from its provider, tool name and arguments/);
    assert.deepEqual(explainMiss({ kind: 'http', url: 'http://localhost:8000/v1/rerank', method: 'POST', stream: false, via: 'rerank' }, null, recordings).candidates, []);
  });
});

describe('volatileFields', () => {
  it('points at values that change from run to run and that the recorder hashes as they are', () => {
    const body = parsePythonJson(JSON.stringify({
      model: 'gpt-4o',
      seed: 1234,
      messages: [
        { role: 'assistant', tool_calls: [{ id: 'call_c1tlwvxcQ9', type: 'function' }] },
        { role: 'tool', tool_call_id: 'call_c1tlwvxcQ9', content: 'Vector store vs_68a1b2c3d4e5 created at 2026-04-07T10:11:12Z' },
        { role: 'user', content: 'document_id: __NORMALIZED__ 3f2b9c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b' },
      ],
      created: 1775556672,
      temperature: 0.7,
    }));
    assert.deepEqual(volatileFields(body).map((f) => [f.path.join('.'), f.value, f.why]), [
      ['seed', '1234', '"seed" is sent as the test sets it; a value that changes from run to run changes the hash'],
      ['messages.0.tool_calls.0.id', 'call_c1tlwvxcQ9', 'an id generated on every run'],
      ['messages.1.tool_call_id', 'call_c1tlwvxcQ9', 'an id generated on every run'],
      ['messages.1.content', 'Vector store vs_68a1b2c3d4e5 created at 2026-04-07T10:11:12Z', 'holds a date and time'],
      ['created', '1775556672', 'looks like a timestamp'],
    ]);
    assert.deepEqual(volatileFields(parsePythonJson('{"model": "m", "messages": [{"role": "user", "content": "hi"}]}')), []);
    assert.deepEqual(volatileFields(undefined), []);
  });
});
