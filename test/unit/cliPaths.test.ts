// The command line on unlucky paths: unreadable folders, files that vanish, special files, huge files,
// symbolic links and loops, files that are no fixture, and terminal escapes in fixtures and file names.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

const cliPath = (): string => join(repoRoot(), 'dist', 'cli.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [cliPath(), ...args], { encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const GOOD = (content: string): string =>
  `${JSON.stringify(
    {
      request: { method: 'POST', url: 'http://localhost/v1/chat/completions', headers: {}, body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, endpoint: '/v1/chat/completions', model: 'm' },
      response: {
        body: { __type__: 'openai.types.chat.chat_completion.ChatCompletion', __data__: { id: 'rec-1', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }] } },
        is_streaming: false,
      },
    },
    null,
    2,
  )}\n`;

/** As root (CI), permissions do not stop reads: the unreadable-folder case runs the CLI as nobody. */
function asNobody(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliPath(), ...args], { encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fixture-lens on unlucky paths', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fl-paths-'));
    chmodSync(dir, 0o755);
  });

  it('skips files that are no fixture in a directory walk and counts them', () => {
    const tree = join(dir, 'skip');
    mkdirSync(join(tree, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(tree, 'package.json'), '{"name": "x", "version": "1.0.0"}\n');
    writeFileSync(join(tree, '.github', 'workflows', 'ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
    writeFileSync(join(tree, 'a.json'), GOOD('fine'));
    writeFileSync(join(tree, 'notes.md'), '# not walked\n');
    const text = cli(['validate', tree]);
    assert.equal(text.code, 0);
    assert.equal(text.stdout, '1 file checked: 0 errors, 0 warnings, 0 infos; 2 files skipped (no fixture)\n');
    const json = cli(['validate', '--format', 'json', tree]);
    assert.deepEqual((JSON.parse(json.stdout) as { summary: unknown }).summary, { files: 1, errors: 0, warnings: 0, infos: 0, skipped: 2 });
  });

  it('a file named explicitly that is no fixture is exit 2, with one stderr line naming it', () => {
    const notes = join(dir, 'hello.txt');
    writeFileSync(notes, 'hello');
    const r = cli(['validate', notes]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `fixture-lens: ${notes}: not a fixture of any format this tool reads\n`);
    assert.equal(r.stdout, '0 files checked: 0 errors, 0 warnings, 0 infos\n');
  });

  it('an unreadable subdirectory is reported by name, the readable files are still checked, exit 2 at the end', function () {
    if (spawnSync('setpriv', ['--version']).status !== 0) this.skip();
    const tree = join(dir, 'perm');
    mkdirSync(join(tree, 'sub'), { recursive: true });
    writeFileSync(join(tree, 'ok.json'), GOOD('fine'));
    writeFileSync(join(tree, 'sub', 'hidden.json'), GOOD('hidden'));
    chmodSync(join(tree, 'sub'), 0o000);
    try {
      const r = asNobody(['validate', '--format', 'json', tree]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, `fixture-lens: ${join(tree, 'sub')}: cannot read the directory (EACCES)\n`);
      const doc = JSON.parse(r.stdout) as { files: { file: string }[]; summary: unknown; errors: unknown };
      assert.deepEqual(doc.files.map((f) => f.file), [join(tree, 'ok.json')]);
      assert.deepEqual(doc.errors, [{ file: join(tree, 'sub'), message: 'cannot read the directory (EACCES)' }]);
    } finally {
      chmodSync(join(tree, 'sub'), 0o755);
    }
  });

  it('a link whose target is gone is reported, the rest checked, exit 2', () => {
    const tree = join(dir, 'gone');
    mkdirSync(tree);
    writeFileSync(join(tree, 'ok.json'), GOOD('fine'));
    symlinkSync(join(tree, 'nowhere.json'), join(tree, 'dangling.json'));
    const r = cli(['validate', tree]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `fixture-lens: ${join(tree, 'dangling.json')}: a symbolic link whose target cannot be read\n`);
    assert.equal(r.stdout, '1 file checked: 0 errors, 0 warnings, 0 infos\n');
  });

  it('follows symbolic links to files and folders, each real file once, loops cut', () => {
    const tree = join(dir, 'links');
    mkdirSync(join(tree, 'real'), { recursive: true });
    writeFileSync(join(tree, 'real', 'one.json'), GOOD('one'));
    symlinkSync(join(tree, 'real', 'one.json'), join(tree, 'alias.json'));
    symlinkSync(join(tree, 'real'), join(tree, 'linked-folder'));
    symlinkSync(tree, join(tree, 'real', 'loop'));
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'two.json'), GOOD('two'));
    symlinkSync(outside, join(tree, 'elsewhere'));
    const r = cli(['validate', '--format', 'json', tree]);
    assert.equal(r.code, 0);
    const doc = JSON.parse(r.stdout) as { files: { file: string }[] };
    assert.deepEqual(doc.files.map((f) => f.file), [join(tree, 'alias.json'), join(tree, 'elsewhere', 'two.json')]);
  });

  it('refuses a named pipe or a device at once, exit 2', function () {
    const fifo = join(dir, 'pipe.json');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    const r = cli(['validate', fifo]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `fixture-lens: ${fifo}: not a regular file (a named pipe), so not a fixture\n`);
    const zero = cli(['validate', '/dev/zero']);
    assert.equal(zero.code, 2);
    assert.equal(zero.stderr, 'fixture-lens: /dev/zero: not a regular file (a device), so not a fixture\n');
  });

  it('says a file over 512 MiB is too large instead of failing inside, exit 2', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 600 * 1024 * 1024); // sparse: no disk is used
    const r = cli(['validate', big]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `fixture-lens: ${big}: too large to read (600 MiB; the limit is 512 MiB)\n`);
    const again = cli(['reassemble', big, join(dir, 'skip', 'a.json')]);
    assert.equal(again.code, 2);
    assert.equal(again.stderr, `fixture-lens: ${big}: too large to read (600 MiB; the limit is 512 MiB)\n`);
    assert.match(again.stdout, /^== .*a\.json \(openai-chat, m\)\nfine\n\[finish: stop\]\n$/);
  });

  it('escapes terminal control sequences from fixtures and file names in text output', () => {
    const tree = join(dir, 'escapes');
    mkdirSync(tree);
    const hostile = 'hi \u001b]0;owned\u0007 \u001b[2J \u001b]52;c;ZXZpbA==\u0007 end\u009b';
    const file = join(tree, 'evil\nname.json');
    writeFileSync(file, GOOD(hostile).replace('"finish_reason": "stop"', '"finish_reason": 7'));
    const v = cli(['validate', tree]);
    assert.equal(v.code, 1);
    const shown = join(tree, 'evil\\nname.json');
    assert.equal(v.stdout.split('\n')[0]?.startsWith(`${shown}:`), true);
    assert.equal(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(v.stdout), false);
    const r = cli(['reassemble', file]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `== ${shown} (openai-chat, m)\nhi \\e]0;owned\\u{07} \\e[2J \\e]52;c;ZXZpbA==\\u{07} end\\u{9b}\n`);
  });

  it('rerecord --deadline-ms takes 1 to 2,147,483,647 ms and says so otherwise, exit 2, before any request', () => {
    for (const value of ['0', '2147483648', '1.5']) {
      const r = cli(['rerecord', join(repoRoot(), 'fixtures', 'seed-planet.txt'), '--base-url', 'http://127.0.0.1:9', '--deadline-ms', value]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, `fixture-lens: --deadline-ms must be a whole number of milliseconds from 1 to 2147483647, not ${value}\n`);
    }
  });
});
