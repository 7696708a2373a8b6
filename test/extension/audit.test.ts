// The suite-level features inside a real VS Code, on a suite written into the workspace for the test: Audit
// Recordings in Workspace (the Problems panel, the delete quick fixes), test_id and cassette links, the
// "N recordings" CodeLens and its Quick Pick items, and Explain Missing Recording's candidates.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { AuditReport } from '../../src/core/audit';
import { hashRuleSet } from '../../src/core/ogx/hashRules';
import { RuleHashes } from '../../src/core/ogx/recordingName';
import { readRequest } from '../../src/core/ogx/requestMembers';
import { AuditDiagnostics } from '../../src/extension/audit/auditDiagnostics';
import { deleteRecordings } from '../../src/extension/audit/deleteRecordings';
import { explainMissingRecording } from '../../src/extension/audit/explainMissingRecording';
import { RecordingIndex } from '../../src/extension/audit/recordingIndex';
import { CassetteLinkProvider, TestIdLinkProvider } from '../../src/extension/audit/testLinks';
import { TestRecordingsCodeLens } from '../../src/extension/audit/testRecordingsCodeLens';
import { recordingItems } from '../../src/extension/audit/testRecordingsPick';
import { activateWithAutoSaveOff } from '../support/autoSaveOff';

interface HashVector {
  name: string;
  requestText: string;
  hashes: Record<string, string>;
}

const repoRoot = resolve(__dirname, '..', '..', '..');
const VECTORS = (JSON.parse(readFileSync(join(repoRoot, 'test', 'unit', 'hash-vectors', 'vectors.json'), 'utf8')) as { vectors: HashVector[] }).vectors;
const vector = (name: string): HashVector => VECTORS.find((v) => v.name === name)!;

const SUITE = 'audit-suite';
const TEST = 'tests/integration/responses/test_file_search.py::test_response_file_search[openai_client-txt=openai/gpt-4o]';
const GONE = 'tests/integration/responses/test_file_search.py::test_removed';
const RESPONSE = '{"body": {"__type__": "openai.types.chat.chat_completion.ChatCompletion", "__data__": {"id": "rec-1", "object": "chat.completion", "created": 0, "model": "gpt-4o", "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Saturn has the most famous rings of all the planets in the solar system, made of ice"}}]}}, "is_streaming": false}';
const recording = (requestText: string, testId: string): string => `{\n  "test_id": ${JSON.stringify(testId)},\n  "request": ${requestText},\n  "response": ${RESPONSE},\n  "id_normalization_mapping": {}\n}\n`;
const hashUnder = (requestText: string, testId: string): string => new RuleHashes(readRequest(requestText, 0, true), testId).hash(hashRuleSet('file-search')!)!;

const TEST_SOURCE = `import pytest


@pytest.mark.parametrize("client", ["openai_client"])
def test_response_file_search(client):
    pass


def test_without_recordings():
    pass
`;

const WEATHER_SOURCE = `import pytest
import vcr


@pytest.mark.vcr("test_forecast.yaml")
def test_forecast():
    with vcr.use_cassette("cassettes/shared/storm.yaml"):
        pass
`;

const CASSETTE = 'interactions:\n- request:\n    method: POST\n    uri: https://api.openai.com/v1/chat/completions\n  response:\n    status: {code: 200, message: OK}\nversion: 1\n';

describe('suite audit in the editor', function () {
  this.timeout(60_000);
  activateWithAutoSaveOff();
  let folder: vscode.WorkspaceFolder;
  let root: vscode.Uri;
  const fs = vector('chat-file-search');
  const plain = vector('chat-plain');
  const names = {
    current: `tests/integration/responses/recordings/${fs.hashes['file-search']}.json`,
    older: `tests/integration/responses/recordings/${fs.hashes['numbers']}.json`,
    gone: `tests/integration/responses/recordings/${hashUnder(plain.requestText, GONE)}.json`,
    dupA: `tests/integration/common/recordings/${plain.hashes['file-search']}.json`,
    dupB: `tests/integration/responses/recordings/${plain.hashes['file-search']}.json`,
    forecast: 'tests/unit/cassettes/test_weather/test_forecast.yaml',
    storm: 'tests/unit/cassettes/shared/storm.yaml',
  };
  const uri = (path: string): vscode.Uri => vscode.Uri.joinPath(root, ...path.split('/'));
  const put = (path: string, text: string): void => {
    const full = join(root.fsPath, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  };

  before(() => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the extension tests need a workspace folder');
    folder = first;
    root = vscode.Uri.joinPath(folder.uri, SUITE);
    put('tests/integration/responses/test_file_search.py', TEST_SOURCE);
    put('tests/unit/test_weather.py', WEATHER_SOURCE);
    put(names.current, recording(fs.requestText, TEST));
    put(names.older, recording(fs.requestText, TEST));
    put(names.gone, recording(plain.requestText, GONE));
    put(names.dupA, recording(plain.requestText, TEST));
    put(names.dupB, recording(plain.requestText, TEST));
    put(names.forecast, CASSETTE);
    put(names.storm, CASSETTE);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    rmSync(root.fsPath, { recursive: true, force: true });
  });

  it('Audit Recordings in Workspace lists each finding in the Problems panel, in its own collection', async () => {
    const result = await vscode.commands.executeCommand<{ folders: { root: vscode.Uri; report: AuditReport }[] }>('fixtureLens.auditWorkspace', root);
    assert.equal(result.folders.length, 1);
    assert.deepEqual(result.folders[0]!.report.summary, { files: 7, unreachable: 1, duplicate: 1, orphan: 1 });
    const shape = (path: string): [string, string, number, number, number, number][] =>
      vscode.languages.getDiagnostics(uri(path)).filter((d) => d.source === 'Fixture Lens audit').map((d) => [String(d.code), ['error', 'warning', 'info', 'hint'][d.severity]!, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
    assert.deepEqual(shape(names.older), [['unreachable', 'warning', 2, 13, 2, 14]]);
    assert.deepEqual(shape(names.gone), [['orphan', 'warning', 1, 13, 1, 76]]);
    assert.deepEqual(shape(names.dupA), [['duplicate', 'info', 2, 13, 2, 14]]);
    assert.deepEqual(shape(names.dupB), []);
    assert.deepEqual(shape(names.current), []);
    const older = vscode.languages.getDiagnostics(uri(names.older)).find((d) => d.source === 'Fixture Lens audit')!;
    assert.deepEqual(older.relatedInformation?.map((r) => r.location.uri.toString()), [uri(names.current).toString()]);
  });

  it('offers to delete an unreachable recording, and every such file the audit found; the delete is one workspace edit', async () => {
    const document = await vscode.workspace.openTextDocument(uri(names.older));
    await vscode.window.showTextDocument(document);
    // The workbench cancels a code-action request that races the editor opening: ask again until one is answered.
    let actions: vscode.CodeAction[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(2, 13, 2, 14), vscode.CodeActionKind.QuickFix.value);
        if (actions.some((a) => a.command?.command === 'fixtureLens.deleteRecordings')) break;
      } catch (e) {
        if (!(e instanceof Error) || e.message !== 'Canceled') throw e;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const ours = actions.filter((a) => a.command?.command === 'fixtureLens.deleteRecordings').map((a) => [a.title, (a.command!.arguments![0] as vscode.Uri[]).map((u) => u.toString())]);
    assert.deepEqual(ours, [
      ['Delete this unreachable recording', [uri(names.older).toString()]],
      ['Delete all 2 unreachable and orphan recordings the audit found', [uri(names.older).toString(), uri(names.gone).toString()].sort()],
    ]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const audits = new AuditDiagnostics();
    try {
      const asked: string[][] = [];
      assert.equal(await deleteRecordings([uri(names.gone)], audits, async (uris) => (asked.push(uris.map((u) => u.path)), false)), 0);
      assert.equal(existsSync(uri(names.gone).fsPath), true);
      assert.equal(await deleteRecordings([uri(names.gone), uri(names.gone)], audits, async () => true), 1);
      assert.equal(existsSync(uri(names.gone).fsPath), false);
      assert.deepEqual(asked, [[uri(names.gone).path]]);
    } finally {
      audits.dispose();
      put(names.gone, recording(plain.requestText, GONE));
    }
  });

  it('links a recording\'s test_id to the def line of its test, parametrization stripped', async () => {
    const document = await vscode.workspace.openTextDocument(uri(names.current));
    const provider = new TestIdLinkProvider();
    const links = provider.provideDocumentLinks(document);
    assert.equal(links.length, 1);
    const link = links[0]!;
    assert.deepEqual([link.range.start.line, link.range.start.character, link.range.end.line, link.range.end.character], [1, 14, 1, 14 + TEST.length]);
    const resolved = await provider.resolveDocumentLink(link);
    assert.equal(resolved.target?.path, uri('tests/integration/responses/test_file_search.py').path);
    assert.equal(resolved.target?.fragment, 'L5');
  });

  it('links the cassettes a test names to their files', async () => {
    const document = await vscode.workspace.openTextDocument(uri('tests/unit/test_weather.py'));
    const provider = new CassetteLinkProvider();
    const links = provider.provideDocumentLinks(document);
    assert.deepEqual(links.map((l) => [document.getText(l.range), l.range.start.line]), [['test_forecast.yaml', 4], ['cassettes/shared/storm.yaml', 6]]);
    const targets = await Promise.all(links.map(async (l) => (await provider.resolveDocumentLink(l)).target?.path));
    assert.deepEqual(targets, [uri(names.forecast).path, uri(names.storm).path]);
  });

  it('puts "N recordings" above each test that has some, and lists them with model, endpoint and the answer\'s first words', async () => {
    const index = new RecordingIndex();
    const lenses = new TestRecordingsCodeLens(index);
    try {
      await index.ready();
      const file = await vscode.workspace.openTextDocument(uri('tests/integration/responses/test_file_search.py'));
      const shown = lenses.provideCodeLenses(file).map((l) => [l.range.start.line, l.command?.title, (l.command?.arguments?.[0] as vscode.Uri[]).map((u) => u.path).sort()]);
      assert.deepEqual(shown, [[4, '4 recordings', [names.current, names.older, names.dupA, names.dupB].map((p) => uri(p).path).sort()]]);
      const weather = await vscode.workspace.openTextDocument(uri('tests/unit/test_weather.py'));
      assert.deepEqual(lenses.provideCodeLenses(weather).map((l) => [l.range.start.line, l.command?.title]), [[5, '1 recording']]);
      const items = await recordingItems([uri(names.current)]);
      assert.deepEqual(items.map((i) => [i.label, i.description, i.detail]), [
        ['gpt-4o · /v1/v1/chat/completions', `${fs.hashes['file-search']}.json`, 'Saturn has the most famous rings of all the planets in the …'],
      ]);
    } finally {
      lenses.dispose();
      index.dispose();
    }
  });

  it('Explain Missing Recording lists the test\'s recordings nearest first, and what changes between runs', async () => {
    const index = new RecordingIndex();
    try {
      const message = `FAILED ${TEST} - RuntimeError: Recording not found for request hash: ${'ab'.repeat(32)}\nModel: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions\n\nRun './scripts/integration-tests.sh --inference-mode record-if-missing' with required API keys to generate.`;
      const result = await explainMissingRecording(index, { text: message, interactive: false });
      assert.equal(result.outcome, 'explained');
      assert.equal(result.testId, TEST);
      const candidates = result.explanation!.candidates.map((c) => [c.recording.path, c.score]);
      assert.deepEqual(candidates, [
        [`${SUITE}/${names.dupA}`, 14],
        [`${SUITE}/${names.current}`, 14],
        [`${SUITE}/${names.older}`, 14],
        [`${SUITE}/${names.dupB}`, 14],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
      assert.deepEqual(result.volatile, []);
      assert.equal((await explainMissingRecording(index, { text: 'no such message', interactive: false })).outcome, 'no-message');
    } finally {
      index.dispose();
    }
  });
});
