// The `fixture-lens` command line as CLI-CONTRACT.md specifies it: formats, exit codes, stderr lines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, sharedDir } from '../support/paths';

const cli = (args: string[], cwd = repoRoot()) => {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const BROKEN = `{
  "request": {
    "method": "POST",
    "url": "https://api.openai.com/v1/v1/chat/completions",
    "headers": {},
    "body": {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}], "stream": true},
    "endpoint": "/v1/chat/completions",
    "model": "gpt-4o"
  },
  "response": {
    "body": [
      {
        "__type__": "openai.types.chat.chat_completion_chunk.ChatCompletionChunk",
        "__data__": {"id": "rec-1", "model": "gpt-4o", "choices": [{"index": 0, "delta": {"content": 42}, "finish_reason": null}]}
      },
      {
        "__type__": "openai.types.chat.chat_completion_chunk.ChatCompletionChunk",
        "__data__": {"id": "rec-1", "model": "gpt-4o", "choices": [{"index": 0, "delta": {"content": "Hello"}, "finish_reason": "stop"}]}
      }
    ],
    "is_streaming": true
  }
}
`;

describe('fixture-lens CLI', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fl-cli-'));
    mkdirSync(join(dir, 'tree', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'tree', 'sub', 'broken.json'), BROKEN);
    writeFileSync(join(dir, 'tree', 'notes.txt'), 'not walked: only *.json files are searched in directories');
    writeFileSync(join(dir, 'not-json.txt'), 'hello');
  });

  it('validate --format text prints file:line:col: severity code message and a summary, exit 1 on errors', () => {
    const r = cli(['validate', join(dir, 'tree')]);
    assert.equal(r.code, 1);
    const file = join(dir, 'tree', 'sub', 'broken.json');
    assert.equal(r.stdout, `${file}:14:102: error chunk-schema choices[0].delta.content: expected string or null, got number\n1 file checked: 1 error, 0 warnings, 0 infos\n`);
    assert.equal(r.stderr, '');
  });

  it('validate --format json prints one document with exact ranges and paths', () => {
    const r = cli(['validate', '--format', 'json', join(dir, 'tree', 'sub', 'broken.json')]);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as unknown;
    assert.deepEqual(doc, {
      files: [
        {
          file: join(dir, 'tree', 'sub', 'broken.json'),
          format: 'ogx',
          dialect: 'openai-chat-stream',
          exchanges: [{ index: 0, method: 'POST', url: 'https://api.openai.com/v1/v1/chat/completions', status: null, dialect: 'openai-chat-stream', streaming: true }],
          diagnostics: [
            {
              code: 'chunk-schema',
              severity: 'error',
              message: 'choices[0].delta.content: expected string or null, got number',
              line: 14,
              column: 102,
              endLine: 14,
              endColumn: 104,
              path: ['response', 'body', 0, '__data__', 'choices', 0, 'delta', 'content'],
            },
          ],
        },
      ],
      summary: { files: 1, errors: 1, warnings: 0, infos: 0, skipped: 0 },
    });
  });

  it('reads a file named explicitly whatever its extension, and refuses one that is no fixture (exit 2)', () => {
    const r = cli(['validate', join(dir, 'not-json.txt')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `fixture-lens: ${join(dir, 'not-json.txt')}: not a fixture of any format this tool reads\n`);
    const truncated = join(dir, 'truncated.txt');
    writeFileSync(truncated, '{"request": {"method": "POST"');
    const broken = cli(['validate', truncated]);
    assert.equal(broken.code, 1);
    assert.equal(broken.stdout, `${truncated}:1:30: error json-syntax Closing brace expected (the file ends here: it may have been cut off)\n1 file checked: 1 error, 0 warnings, 0 infos\n`);
  });

  it('exits 2 with one stderr line for a missing path, an unknown option or command', () => {
    const missing = cli(['validate', join(dir, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, `fixture-lens: ${join(dir, 'nope.json')}: no such file or directory\n`);
    assert.equal(missing.stdout, '');
    const option = cli(['validate', '--colour', dir]);
    assert.equal(option.code, 2);
    assert.equal(option.stderr, 'fixture-lens: unknown option --colour\n');
    const format = cli(['validate', '--format', 'xml', dir]);
    assert.equal(format.code, 2);
    assert.equal(format.stderr, 'fixture-lens: --format must be text or json, not xml\n');
    const command = cli(['frobnicate']);
    assert.equal(command.code, 2);
    assert.match(command.stderr, /^fixture-lens: unknown command "frobnicate"\n/);
  });

  it('reassemble exits 2 for a file that is not a fixture', () => {
    const r = cli(['reassemble', '--json', join(dir, 'not-json.txt')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `fixture-lens: ${join(dir, 'not-json.txt')}: not a fixture (Invalid symbol)\n`);
  });

  it('reassemble --json prints one JSON line per file, in argument order', () => {
    const r = cli(['reassemble', '--json', join(dir, 'tree', 'sub', 'broken.json'), join(dir, 'tree', 'sub', 'broken.json')]);
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(JSON.parse(lines[0] as string), {
      file: join(dir, 'tree', 'sub', 'broken.json'),
      format: 'ogx',
      exchange: 0,
      method: 'POST',
      url: 'https://api.openai.com/v1/v1/chat/completions',
      status: null,
      dialect: 'openai-chat-stream',
      streaming: true,
      model: 'gpt-4o',
      chunkCount: 2,
      choices: [{ index: 0, role: 'assistant', content: 'Hello', reasoning: '', refusal: null, toolCalls: [], finishReason: 'stop' }],
      usage: null,
      error: null,
    });
  });

  describe('on the seeds', function () {
    before(function () {
      if (!sharedDir()) this.skip();
    });

    it('validates both seeds clean (exit 0) and reassembles the planet answer exactly', () => {
      const seeds = join(sharedDir() as string, 'seeds');
      const planet = join(dir, 'seed-planet.txt');
      copyFileSync(join(seeds, '000_79cd4ae94dc9bfc3.txt'), planet);
      const v = cli(['validate', planet, join(seeds, '002_e65ddcd7b7ec4378.txt')]);
      assert.equal(v.code, 0);
      assert.equal(v.stdout, '2 files checked: 0 errors, 0 warnings, 0 infos\n');
      const r = cli(['reassemble', '--json', planet]);
      assert.equal(r.code, 0);
      assert.equal(
        r.stdout,
        `${JSON.stringify({
          file: planet,
          format: 'ogx',
          exchange: 0,
          method: 'POST',
          url: 'https://api.openai.com/v1/v1/chat/completions',
          status: null,
          dialect: 'openai-chat-stream',
          streaming: true,
          model: 'gpt-4o-2024-08-06',
          chunkCount: 31,
          choices: [{ index: 0, role: 'assistant', content: 'The planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.', reasoning: '', refusal: null, toolCalls: [], finishReason: 'stop' }],
          usage: null,
          error: null,
        })}\n`,
      );
      const text = cli(['reassemble', planet]);
      assert.equal(text.stdout, `== ${planet} (openai-chat-stream, 31 chunks, gpt-4o-2024-08-06)\nThe planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.\n[finish: stop]\n`);
    });
  });
});
