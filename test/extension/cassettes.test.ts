// Cassettes in a real VS Code: a vcrpy YAML cassette of two exchanges gets its diagnostics at the exact places
// (a credential left in a header, an event that is not JSON, a stream cut off), the hover names the exchange
// and the event, and the quick fix writes the recorder's own placeholder and leaves valid YAML behind.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateWithAutoSaveOff } from '../support/autoSaveOff';
import { expectDiagnostics as expectShapes, hoverText, poll, type Shape } from '../support/diagnosticShapes';

/** Diagnostics of a cassette take a YAML read and a first validation: allow them 20 s. */
const expectDiagnostics = (uri: vscode.Uri, expected: Shape[]): Promise<void> => expectShapes(uri, expected, 20_000);

const KEY = 'sk-proj-Q3vR8tLm0000Wk9pNcY4hJ7dFs1aE6uBg';
// Written the way vcrpy writes a cassette: sorted keys, a single-quoted body string folded over blank lines.
const LINES = [
  'interactions:',
  '- request:',
  `    body: '{"messages":[{"role":"user","content":"Hi"}],"model":"gpt-4o"}'`,
  '    headers:',
  '      authorization:',
  `      - Bearer ${KEY}`,
  '      content-type:',
  '      - application/json',
  '    method: POST',
  '    uri: https://api.openai.com/v1/chat/completions',
  '  response:',
  '    body:',
  `      string: '{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}]}'`,
  '    headers:',
  '      content-type:',
  '      - application/json',
  '    status:',
  '      code: 200',
  '      message: OK',
  '- request:',
  `    body: '{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"},{"role":"user","content":"More"}],"model":"gpt-4o","stream":true}'`,
  '    headers:',
  '      authorization:',
  "      - '**REDACTED**'",
  '    method: POST',
  '    uri: https://api.openai.com/v1/chat/completions',
  '  response:',
  '    body:',
  `      string: 'data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Mo"},"finish_reason":null}]}`,
  '',
  '',
  '        data: {not json',
  '',
  '',
  `        data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"re"},"finish_reason":null}]}`,
  '',
  '',
  "        '",
  '    headers:',
  '      content-type:',
  '      - text/event-stream',
  '    status:',
  '      code: 200',
  '      message: OK',
  'version: 1',
  '',
];

describe('cassettes in the editor', function () {
  this.timeout(90_000);

  activateWithAutoSaveOff();

  let uri: vscode.Uri;
  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the extension tests need the fixtures folder open');
    uri = vscode.Uri.joinPath(folder.uri, 'cassettes', 'editor', 'agent-run.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(LINES.join('\n')));
  });

  after(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
  });

  it('opens as YAML and shows each exchange\'s problems at the smallest place that shows them', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'yaml');
    await expectDiagnostics(uri, [
      ['secret-in-fixture', 'warning', 5, 15, 5, 15 + KEY.length],
      ['event-not-json', 'error', 31, 8, 31, 23],
      ['stream-cut-off', 'warning', 34, 8, 34, 157],
    ]);
    const messages = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Fixture Lens').map((d) => d.message);
    assert.deepEqual(messages, [
      'Exchange 1: the authorization header holds a credential ("sk-pro…6uBg"); replace it with a placeholder and rotate the key.',
      "Exchange 2, event 2: data is not JSON (unexpected 'n' at offset 1 where a property name in double quotes should be)",
      'Exchange 2: the openai-chat-stream stream ends after 3 events without its terminal event; it was probably cut off while recording.',
    ]);
  });

  it('the hover on an event names its exchange and event, what it adds and the text so far', async () => {
    await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(34, 30));
    const ours = hoverText(hovers).filter((t) => t.startsWith('**Exchange'));
    assert.equal(ours.length, 1, hoverText(hovers).join('\n---\n'));
    const text = ours[0] as string;
    assert.ok(text.startsWith('**Exchange 2 of 2 · event 3 of 3** (`interactions[1].response.body.string[2]`) · openai\\-chat\\-stream'), text);
    assert.ok(text.includes('Content delta:\n\n```\nre\n```'), text);
    assert.ok(text.includes('Text so far (choice 0, 4 characters):\n\n```\nMore\n```'), text);
    assert.ok(text.includes('stream-cut-off'), text);
  });

  it('the quick fix writes the placeholder the recorder uses elsewhere in the file, and the YAML still reads', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await expectDiagnostics(uri, [
      ['secret-in-fixture', 'warning', 5, 15, 5, 15 + KEY.length],
      ['event-not-json', 'error', 31, 8, 31, 23],
      ['stream-cut-off', 'warning', 34, 8, 34, 157],
    ]);
    const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(5, 20, 5, 20))).filter(
      (a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === 'quickfix',
    );
    assert.deepEqual(actions.map((a) => a.title), ['Replace the authorization credential with **REDACTED**']);
    assert.ok(await vscode.workspace.applyEdit(actions[0]?.edit as vscode.WorkspaceEdit));
    assert.equal(document.lineAt(5).text, '      - Bearer **REDACTED**');
    assert.equal(document.getText(), LINES.join('\n').replace(KEY, '**REDACTED**'));
    await expectDiagnostics(uri, [
      ['event-not-json', 'error', 31, 8, 31, 23],
      ['stream-cut-off', 'warning', 34, 8, 34, 157],
    ]);
  });

  it('Re-record via Test Run runs the test the cassette\'s path names, with the recorder\'s switch, as one process argument', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0] as vscode.WorkspaceFolder;
    const cassette = vscode.Uri.joinPath(folder.uri, 'tests', 'cassettes', 'test_mod', 'test_x[$(echo pwned) & calc].yaml');
    await vscode.workspace.fs.writeFile(cassette, new TextEncoder().encode(LINES.join('\n')));
    const out = join(mkdtempSync(join(tmpdir(), 'fl-cassette-run-')), 'argument.txt');
    const node = JSON.stringify(process.execPath).slice(1, -1);
    const config = vscode.workspace.getConfiguration('fixtureLens');
    await config.update('cassetteRerecordCommands', { vcrpy: `"${node}" -e "require('fs').writeFileSync(process.argv[1], process.argv.slice(2).join('|'))" '${out}' \${testId} --record-mode=rewrite` }, vscode.ConfigurationTarget.Global);
    try {
      const ended = new Promise<number | undefined>((resolveEnd) => {
        const listener = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.source !== 'Fixture Lens') return;
          listener.dispose();
          resolveEnd(e.exitCode);
        });
      });
      const result = await vscode.commands.executeCommand<{ outcome: string; command?: { command: string; args: string[] } }>('fixtureLens.rerecordViaTestRun', cassette);
      assert.equal(result.outcome, 'started', JSON.stringify(result));
      const testId = 'tests/test_mod.py::test_x[$(echo pwned) & calc]';
      assert.deepEqual(result.command?.args.slice(-3), [out, testId, '--record-mode=rewrite']);
      assert.equal(await ended, 0);
      const written = await poll(() => (existsSync(out) ? readFileSync(out, 'utf8') : undefined), (v) => v !== undefined);
      assert.equal(written, `${testId}|--record-mode=rewrite`);
    } finally {
      await config.update('cassetteRerecordCommands', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, 'tests'), { recursive: true });
    }
  });
});
