// Printed URLs never carry the credentials a fixture holds in them.
import assert from 'node:assert/strict';
import { redactUrl } from '../../src/core/urlRedaction';

describe('redactUrl', () => {
  it('replaces credential parameters in the query and the fragment, in any case, and keeps the rest', () => {
    assert.equal(redactUrl('https://generativelanguage.googleapis.com/v1beta/models/g:generateContent?alt=sse&key=AIzaFAKEfake0000FAKEfake0000FAKEfake000'), 'https://generativelanguage.googleapis.com/v1beta/models/g:generateContent?alt=sse&key=REDACTED');
    assert.equal(redactUrl('https://example.com/cb#access_token=ya29.FAKE-FAKE-FAKE-not-a-real-token-0000&state=x'), 'https://example.com/cb#access_token=REDACTED&state=x');
    assert.equal(redactUrl('https://x.test/a?Token=abc123DEF456ghi&page=2'), 'https://x.test/a?Token=REDACTED&page=2');
    assert.equal(redactUrl('https://x.test/a?api%5Fkey=abc123DEF456ghi'), 'https://x.test/a?api%5Fkey=REDACTED');
  });

  it('replaces provider keys anywhere in the URL, and leaves placeholders and ordinary URLs alone', () => {
    assert.equal(redactUrl('https://proxy.test/sk-FAKEfake0000FAKEfake0000/v1/chat/completions'), 'https://proxy.test/REDACTED/v1/chat/completions');
    assert.equal(redactUrl('https://x.test/a?key=YOUR_API_KEY&key2=v'), 'https://x.test/a?key=YOUR_API_KEY&key2=v');
    assert.equal(redactUrl('https://x.test/a?key=<GEMINI_API_KEY>'), 'https://x.test/a?key=<GEMINI_API_KEY>');
    assert.equal(redactUrl('https://api.openai.com/v1/chat/completions?api-version=2024-02-01'), 'https://api.openai.com/v1/chat/completions?api-version=2024-02-01');
  });
});
