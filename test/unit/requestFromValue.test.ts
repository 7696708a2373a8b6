import assert from 'node:assert/strict';
import { checkParsedFileNameHash, recomputeRequestHashes } from '../../src/core/ogx/requestHash';
import { requestFromValue } from '../../src/core/ogx/requestFromValue';
import { readRequest } from '../../src/core/ogx/requestMembers';

// The value JSON.parse built must hash exactly as the request's text does, or not be used at all.
const hashName = (text: string): string => `${recomputeRequestHashes(text)[0]!.hash.slice(0, 12)}.json`;

const request = (body: string): string =>
  `{"method": "POST", "url": "http://localhost:11434/v1/chat/completions", "body": ${body}, "test_id": "t::x"}`;

describe('requestFromValue', () => {
  it('hashes like the text reader when every literal survives JSON.parse', () => {
    const bodies = [
      '{"model": "m", "temperature": 0.7, "n": 3, "big": 9007199254740991, "neg": -0, "tiny": 1e-7}',
      '{"s": "caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ \\u007f", "\\u00e9": 1, "\\ud83d\\ude00": 2, "\\uffff": 3, "a": [true, false, null, [], {}]}',
      '{"messages": [{"role": "user", "content": "score: 0.123456 <|12345678-1234-1234-1234-123456789012|>"}], "stream_options": {"include_usage": true}}',
      '{"extra_body": {"project_id": "p", "x": 0.333333333}, "d": {"b": 1, "a": 2, "1": 3, "__proto__": 4}}',
    ];
    for (const body of bodies) {
      const text = request(body);
      const fast = requestFromValue(text, 0, JSON.parse(text));
      assert.ok(fast, body);
      for (const name of recomputeRequestHashes(text).map((h) => `${h.hash.slice(0, 12)}.json`).concat('0123456789ab.json')) {
        assert.deepEqual(checkParsedFileNameHash(name, fast, undefined), checkParsedFileNameHash(name, readRequest(text), undefined), `${body} ${name}`);
      }
    }
  });

  it('declines a request whose literals JSON.parse changes: integral floats, -0.0, ints past 2**53', () => {
    for (const literal of ['1.0', '-0.0', '1e5', '1E+2', '2.50e1', '9007199254740993', '-12345678901234567890', '1e400']) {
      const text = request(`{"x": [1, ${literal}]}`);
      assert.equal(requestFromValue(text, 0, JSON.parse(text)), undefined, literal);
      assert.equal(checkParsedFileNameHash(hashName(text), readRequest(text), undefined).status, 'match');
    }
  });

  it('declines what is not an object, and nesting past its limit', () => {
    assert.equal(requestFromValue('[1]', 0, [1]), undefined);
    const deep = `{"a": ${'['.repeat(300)}${']'.repeat(300)}}`;
    assert.equal(requestFromValue(deep, 0, JSON.parse(deep)), undefined);
  });
});
