// Re-recording inside a real VS Code: the provider comes from fixtureLens.providers (pointing at a fake
// OpenAI server on 127.0.0.1), the key from secret storage (set through the command), the destination is
// approved by naming it in the command's argument. The response is replaced by one undoable edit that
// leaves the document dirty; a fault leaves it untouched; the timer settings hold; the CodeLens works;
// the test-run task is a process whose arguments hold the test id as one, no shell in between.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { FakeProvider } from '../servers/fakeProvider';
import { CHUNK_TYPE, KEY, chatStreamFixture, expectedFlat, expectedIndented, servedChatChunks, typed } from '../servers/fixtureTexts';
import { startOpenAiServer } from '../servers/openAiServer';

const repoRoot = resolve(__dirname, '..', '..', '..');
const SEED = join(resolve(repoRoot, '../shared'), 'seeds', '000_79cd4ae94dc9bfc3.txt');
const SECRET = 'fixture-lens-test-openai';

interface CommandResult {
  readonly outcome: string;
  readonly message: string;
}

async function poll<T>(probe: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('re-record in the editor', function () {
  this.timeout(60_000);
  let server: FakeProvider;
  let dir: string;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('fixtureLens');

  before(async () => {
    await vscode.extensions.getExtension('fixture-lens.fixture-lens')?.activate();
    server = await startOpenAiServer({ streamed: servedChatChunks().map((c) => JSON.stringify(c)), single: '{}' });
    dir = mkdtempSync(join(tmpdir(), 'fixture-lens-ext-rerecord-'));
    await config().update('providers', [{ match: 'https://api.openai.com', baseUrl: server.url, secret: SECRET }], vscode.ConfigurationTarget.Global);
    const stored = await vscode.commands.executeCommand<{ outcome: string }>('fixtureLens.setApiKey', { name: SECRET, value: KEY });
    assert.equal(stored.outcome, 'stored');
  });

  after(async () => {
    // Leave the workbench as the next suite expects it: no editors, notifications, terminals or panel.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    for (const terminal of vscode.window.terminals) terminal.dispose();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('fixtureLens.setApiKey', { name: SECRET, value: '' });
    await config().update('providers', undefined, vscode.ConfigurationTarget.Global);
    await config().update('rerecordCommand', undefined, vscode.ConfigurationTarget.Global);
    await config().update('rerecordTimeoutMs', undefined, vscode.ConfigurationTarget.Global);
    await config().update('rerecordDeadlineMs', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    server.fault = { kind: 'none' };
    server.requests.length = 0;
  });

  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.fsPath.startsWith(dir))) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  /** A copy of the seed (or, without ../shared, the hand-made chat stream) and its expected re-recorded text. */
  function fixtureCopy(): { uri: vscode.Uri; original: string; expected: string } {
    if (existsSync(SEED)) {
      const file = join(mkdtempSync(join(dir, 'seed-')), 'seed-planet.txt');
      copyFileSync(SEED, file);
      const original = readFileSync(file, 'utf8');
      return { uri: vscode.Uri.file(file), original, expected: expectedFlat(original, { body: servedChatChunks().map((c) => typed(CHUNK_TYPE, c)), is_streaming: true }) };
    }
    const file = join(mkdtempSync(join(dir, 'chat-')), 'chat.json');
    const original = chatStreamFixture();
    writeFileSync(file, original);
    return { uri: vscode.Uri.file(file), original, expected: expectedIndented(original, { body: servedChatChunks().map((c) => typed(CHUNK_TYPE, { ...c, id: 'rec-0123456789ab', created: 0 })), is_streaming: true }) };
  }

  it('replaces the response with one undoable edit: the document is dirty, the file on disk untouched', async () => {
    const { uri, original, expected } = fixtureCopy();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand<CommandResult>('fixtureLens.rerecord', { uri, approvedBaseUrl: server.url });
    assert.equal(result.outcome, 'replaced', result.message);
    assert.equal(document.getText(), expected);
    assert.equal(document.isDirty, true);
    assert.equal(readFileSync(uri.fsPath, 'utf8'), original, 'nothing is saved until the user saves');
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.headers.authorization, `Bearer ${KEY}`);
    assert.ok(!document.getText().includes(KEY) && !result.message.includes(KEY));

    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one undo restores the original text exactly');
  });

  it('leaves the document untouched when the provider fails, and says why in one sentence', async () => {
    server.fault = { kind: 'http-error', status: 500, body: { error: { message: `Upstream failure for ${KEY}` } } };
    const { uri, original } = fixtureCopy();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand<CommandResult>('fixtureLens.rerecord', { uri, approvedBaseUrl: server.url });
    assert.equal(result.outcome, 'failed');
    assert.match(result.message, /^Re-recording seed-planet\.txt failed: HTTP 500 from http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: Upstream failure for \[redacted\]\. The document is unchanged\.$|^Re-recording chat\.json failed: HTTP 500 .* The document is unchanged\.$/);
    assert.ok(!result.message.includes(KEY));
    assert.equal(document.getText(), original);
    assert.equal(document.isDirty, false);
  });

  it('leaves the document untouched when the stream breaks off', async () => {
    server.fault = { kind: 'drop', after: 2 };
    const { uri, original } = fixtureCopy();
    const document = await vscode.workspace.openTextDocument(uri);
    const result = await vscode.commands.executeCommand<CommandResult>('fixtureLens.rerecord', { uri, approvedBaseUrl: server.url });
    assert.equal(result.outcome, 'failed');
    assert.match(result.message, /closed before the answer was complete/);
    assert.equal(document.getText(), original);
    assert.equal(document.isDirty, false);
  });

  it('a timeout setting past what a timer holds is taken as the maximum, not as "at once"', async () => {
    await config().update('rerecordTimeoutMs', 2 ** 32, vscode.ConfigurationTarget.Global);
    try {
      const { uri, expected } = fixtureCopy();
      const document = await vscode.workspace.openTextDocument(uri);
      const result = await vscode.commands.executeCommand<CommandResult>('fixtureLens.rerecord', { uri, approvedBaseUrl: server.url });
      assert.equal(result.outcome, 'replaced', result.message);
      assert.equal(document.getText(), expected);
    } finally {
      await config().update('rerecordTimeoutMs', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('gives up at the overall deadline (fixtureLens.rerecordDeadlineMs), the document untouched', async () => {
    server.fault = { kind: 'stall', after: 2 };
    await config().update('rerecordDeadlineMs', 1000, vscode.ConfigurationTarget.Global);
    try {
      const { uri, original } = fixtureCopy();
      const document = await vscode.workspace.openTextDocument(uri);
      const result = await vscode.commands.executeCommand<CommandResult>('fixtureLens.rerecord', { uri, approvedBaseUrl: server.url });
      assert.equal(result.outcome, 'failed');
      assert.match(result.message, /failed: timed out: http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions did not finish within 1000 ms\. The document is unchanged\.$/);
      assert.equal(document.getText(), original);
    } finally {
      await config().update('rerecordDeadlineMs', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('sends nothing when no provider entry matches the recorded URL, or its key is missing', async () => {
    const file = join(mkdtempSync(join(dir, 'other-')), 'other.json');
    writeFileSync(file, chatStreamFixture().replace('https://api.openai.com/v1/v1/chat/completions', 'https://llm.example.invalid/v1/chat/completions'));
    const noProvider = await vscode.commands.executeCommand<CommandResult>('fixtureLens.rerecord', { uri: vscode.Uri.file(file), approvedBaseUrl: server.url });
    assert.equal(noProvider.outcome, 'no-provider');
    assert.match(noProvider.message, /No entry of fixtureLens\.providers matches https:\/\/llm\.example\.invalid\/v1\/chat\/completions/);

    await config().update('providers', [{ match: 'https://llm.example.invalid', baseUrl: server.url, secret: 'never-stored' }], vscode.ConfigurationTarget.Global);
    try {
      const noKey = await vscode.commands.executeCommand<CommandResult>('fixtureLens.rerecord', { uri: vscode.Uri.file(file), approvedBaseUrl: server.url });
      assert.equal(noKey.outcome, 'no-key');
      assert.match(noKey.message, /No API key is stored as "never-stored"/);
    } finally {
      await config().update('providers', [{ match: 'https://api.openai.com', baseUrl: server.url, secret: SECRET }], vscode.ConfigurationTarget.Global);
    }
    assert.equal(server.requests.length, 0);
  });

  it('shows the Re-record CodeLens over the "response" key', async () => {
    const { uri, original } = fixtureCopy();
    // The provider command needs the document open (a text model), or it answers "Illegal argument".
    const document = await vscode.workspace.openTextDocument(uri);
    const lenses = await poll(
      async () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri),
      (l) => (l ?? []).some((x) => x.command?.command === 'fixtureLens.rerecord'),
    );
    const lens = lenses.find((x) => x.command?.command === 'fixtureLens.rerecord');
    assert.ok(lens, 'a Re-record lens');
    assert.equal(document.offsetAt(lens.range.start), original.indexOf('"response"'));
    assert.equal(String((lens.command?.arguments?.[0] as vscode.Uri | undefined)?.toString()), uri.toString());
  });

  it('runs the test-run command as a process task, the test id reaching the command as one argument', async () => {
    const out = join(dir, 'test-run-argument.txt');
    // What a shell would act on: POSIX $(…) and backticks, PowerShell's $(…) inside "…", cmd.exe's & and %…%.
    const testId = `tests/integration/x.py::test_y[it's "q" $HOME \`id\` $(echo pwned) & calc & %PATH% ; x]`;
    const file = join(mkdtempSync(join(dir, 'testrun-')), 'testrun.json');
    writeFileSync(file, chatStreamFixture().replace(/"test_id": "[^"]*"/, `"test_id": ${JSON.stringify(testId)}`));
    const node = JSON.stringify(process.execPath).slice(1, -1);
    await config().update('rerecordCommand', `"${node}" -e "require('fs').writeFileSync(process.argv[1], process.argv[2])" '${out}' "\${testId}"`, vscode.ConfigurationTarget.Global);
    const ended = new Promise<number | undefined>((resolveEnd) => {
      const listener = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.source !== 'Fixture Lens') return;
        listener.dispose();
        resolveEnd(e.exitCode);
      });
    });
    const result = await vscode.commands.executeCommand<{ outcome: string; command?: { command: string; args: string[] }; execution?: vscode.TaskExecution }>('fixtureLens.rerecordViaTestRun', vscode.Uri.file(file));
    assert.equal(result.outcome, 'started', JSON.stringify(result));
    assert.deepEqual(result.command, { command: process.execPath, args: ['-e', "require('fs').writeFileSync(process.argv[1], process.argv[2])", out, testId] });
    assert.ok(result.execution?.task.execution instanceof vscode.ProcessExecution, 'a process, not a shell command line');
    assert.equal(await ended, 0, `the task failed; command: ${JSON.stringify(result.command)}`);
    const written = await poll(
      () => (existsSync(out) ? readFileSync(out, 'utf8') : undefined),
      (v) => v !== undefined,
    );
    assert.equal(written, testId, `command: ${JSON.stringify(result.command)}`);
  });
});
