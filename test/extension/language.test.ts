// The language features inside a real VS Code: live diagnostics of the broken fixtures (codes, severities,
// exact ranges), the chunk hover on the planet seed, the quick fixes applied and checked byte for byte,
// and the debounce/staleness/close rules of validation. The workspace is a temp copy of fixtures/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateWithAutoSaveOff } from '../support/autoSaveOff';
import { expectDiagnostics, hoverText, poll, shapes, type Shape } from '../support/diagnosticShapes';
import { makeDiagnostic } from '../../src/core';
import { FixtureDocuments } from '../../src/extension/fixtureDocuments';
import { certainFix } from '../../src/extension/language/certainFixes';
import { FixtureQuickFixes } from '../../src/extension/language/fixtureQuickFixes';

const FLUSH = '_fixtureLens.flushDiagnostics';
const SOURCE = 'Fixture Lens';
const HASH_NAMED = 'broken/request-hash-mismatch/330ca9cc980b32049b9f44ad02393236eb156daccf2a69ebb5b8568279ccf02d.json';

function fixture(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the extension tests need the fixtures folder open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}

async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}

describe('language features', function () {
  this.timeout(60_000);

  activateWithAutoSaveOff();

  afterEach(revertAll);

  describe('live diagnostics of the broken fixtures', () => {
    // Same places as test/unit/diagnostics.test.ts, 0-based. Two differ from the CLI because VS Code hides
    // bytes from the text: the byte order mark and the bytes that are not UTF-8 are reported from the file on disk.
    const EXPECTED: Record<string, Shape[]> = {
      'broken/byte-order-mark.json': [['byte-order-mark', 'error', 0, 0, 0, 1]],
      'broken/chunk-schema-content-number.json': [['chunk-schema', 'error', 111, 27, 111, 29]],
      'broken/content-after-finish.json': [['content-after-finish', 'warning', 840, 27, 840, 30]],
      'broken/duplicate-key.json': [['duplicate-key', 'warning', 166, 12, 166, 21]],
      'broken/inconsistent-id.json': [['inconsistent-id', 'warning', 215, 16, 215, 56]],
      'broken/inconsistent-model.json': [['inconsistent-model', 'warning', 285, 19, 285, 43]],
      'broken/envelope-schema-missing-response.json': [['envelope-schema', 'error', 0, 0, 21, 1]],
      'broken/json-syntax-truncated.json': [['json-syntax', 'error', 516, 27, 516, 32]],
      'broken/missing-finish-reason.json': [['missing-finish-reason', 'warning', 806, 6, 832, 7]],
      'broken/mixed-dialect.json': [['mixed-dialect', 'error', 294, 20, 294, 48]],
      'broken/not-text-latin1.json': [['not-text', 'error', 10, 101, 10, 102]],
      [HASH_NAMED]: [['request-hash-mismatch', 'info', 1, 13, 20, 3]],
      'broken/request-stream-mismatch.json': [['request-stream-mismatch', 'error', 16, 16, 16, 21]],
      'broken/secret-in-fixture.json': [
        ['secret-in-fixture', 'warning', 3, 71, 3, 112],
        ['secret-in-fixture', 'warning', 5, 31, 5, 75],
      ],
      'broken/streaming-mismatch.json': [['streaming-mismatch', 'error', 63, 20, 63, 24]],
      'broken/tool-arguments-invalid.json': [['tool-arguments-invalid', 'warning', 94, 35, 94, 50]],
      'broken/unknown-dialect.json': [['unknown-dialect', 'info', 17, 12, 30, 5]],
      'seed-planet.txt': [],
      'seed-image.txt': [],
    };
    for (const [file, expected] of Object.entries(EXPECTED)) {
      it(`${file}: ${expected.length === 0 ? 'none' : expected.map((s) => `${s[1]} ${s[0]}`).join(', ')}`, async () => {
        const uri = fixture(file);
        await vscode.workspace.openTextDocument(uri);
        if (expected.length === 0) assert.equal(await vscode.commands.executeCommand(FLUSH, uri), 0);
        await expectDiagnostics(uri, expected);
      });
    }

    it('messages, source and code are the core\'s; the hidden byte order mark and bad bytes say so', async () => {
      const streaming = fixture('broken/streaming-mismatch.json');
      await vscode.workspace.openTextDocument(streaming);
      await expectDiagnostics(streaming, [['streaming-mismatch', 'error', 63, 20, 63, 24]]);
      const [d] = vscode.languages.getDiagnostics(streaming).filter((x) => x.source === SOURCE);
      assert.equal(d?.message, 'is_streaming is true but response.body is a single object, not a list of chunks.');
      assert.equal(d?.code, 'streaming-mismatch');

      const bom = fixture('broken/byte-order-mark.json');
      const bomDocument = await vscode.workspace.openTextDocument(bom);
      assert.equal(bomDocument.getText().charCodeAt(0), 0x7b, 'VS Code hides the byte order mark from the text');
      await expectDiagnostics(bom, [['byte-order-mark', 'error', 0, 0, 0, 1]]);
      assert.deepEqual(
        vscode.languages.getDiagnostics(bom).map((x) => x.message),
        ["The file on disk starts with a UTF-8 byte order mark (the editor hides it); Python's json.load rejects it."],
      );

      const latin1 = fixture('broken/not-text-latin1.json');
      await vscode.workspace.openTextDocument(latin1);
      await expectDiagnostics(latin1, [['not-text', 'error', 10, 101, 10, 102]]);
      assert.deepEqual(
        vscode.languages.getDiagnostics(latin1).map((x) => x.message),
        ['The file is not valid UTF-8 (first bad byte at byte offset 314); it may be binary or in another encoding.'],
      );
    });

    it('a file that does not look like a fixture (empty, outside a fixtures/ or recordings/ folder) gets no diagnostics', async () => {
      for (const file of ['broken/empty-file.json']) {
        const uri = fixture(file);
        await vscode.workspace.openTextDocument(uri);
        assert.equal(await vscode.commands.executeCommand(FLUSH, uri), undefined, file);
        assert.deepEqual(shapes(uri), [], file);
      }
    });
  });

  describe('validation timing', () => {
    it('waits fixtureLens.validationDelay after an edit, and publishes for the latest version only', async () => {
      // Longer than the default (25 ms), so the two edits below surely fall within one delay.
      const settings = vscode.workspace.getConfiguration('fixtureLens');
      await settings.update('validationDelay', 250, vscode.ConfigurationTarget.Global);
      try {
        await twoQuickEdits();
      } finally {
        await settings.update('validationDelay', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    async function twoQuickEdits(): Promise<void> {
      const uri = fixture('broken/inconsistent-model.json');
      const document = await vscode.workspace.openTextDocument(uri);
      await expectDiagnostics(uri, [['inconsistent-model', 'warning', 285, 19, 285, 43]]);
      const wrong = document.getText(new vscode.Range(285, 20, 285, 42));
      assert.equal(wrong, 'gpt-4o-mini-2024-07-18');

      // Two quick edits: first to another wrong model (a longer one), then to the right one.
      const first = new vscode.WorkspaceEdit();
      first.replace(uri, new vscode.Range(285, 20, 285, 42), 'gpt-4o-mini-2024-07-18-preview');
      const editedAt = Date.now();
      assert.ok(await vscode.workspace.applyEdit(first));
      const second = new vscode.WorkspaceEdit();
      second.replace(uri, new vscode.Range(285, 20, 285, 50), 'gpt-4o-2024-08-06');
      assert.ok(await vscode.workspace.applyEdit(second));

      // The result of the first version (a warning 8 characters longer) must never be published.
      let sawStale = false;
      const final = await poll(
        () => {
          const s = shapes(uri);
          if (s.length === 1 && s[0]?.[5] === 51) sawStale = true;
          return s;
        },
        (s) => s.length === 0,
      );
      const elapsed = Date.now() - editedAt;
      assert.deepEqual(final, []);
      assert.equal(sawStale, false, 'a result for a stale version was published');
      assert.ok(elapsed >= 240, `diagnostics changed ${elapsed} ms after the edit, before the 250 ms delay`);
    }

    it('clears a document\'s diagnostics when it closes', async () => {
      const uri = fixture('broken/mixed-dialect.json');
      const document = await vscode.workspace.openTextDocument(uri);
      await expectDiagnostics(uri, [['mixed-dialect', 'error', 294, 20, 294, 48]]);
      // VS Code disposes a file's document whenever it likes after its editor closes (minutes, at times);
      // a language change closes it at once and opens a new one, which Markdown keeps out of validation.
      const markdown = await vscode.languages.setTextDocumentLanguage(document, 'markdown');
      assert.deepEqual(shapes(uri), []);
      await vscode.languages.setTextDocumentLanguage(markdown, 'json');
      await expectDiagnostics(uri, [['mixed-dialect', 'error', 294, 20, 294, 48]]);
    });
  });

  describe('hover', () => {
    it('on chunk 12 of the planet seed: its place, delta and the text assembled so far', async () => {
      const uri = fixture('seed-planet.txt');
      const document = await vscode.workspace.openTextDocument(uri);
      const text = document.getText();
      // The 12th item starts at the 12th `{ "__type__"`; hover a little inside it.
      let start = -1;
      for (let i = 0; i < 12; i++) start = text.indexOf('{ "__type__"', start + 1);
      const end = text.indexOf(', { "__type__"', start);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(start + 20));
      const ours = hovers.filter((h) => hoverText([h]).some((t) => t.startsWith('**Chunk')));
      assert.equal(ours.length, 1);
      assert.deepEqual(hoverText(ours), [
        [
          '**Chunk 12 of 31** (`response.body[11]`) · openai\\-chat\\-stream',
          'Content delta:',
          '```\n with\n```',
          'Text so far (choice 0, 56 characters):',
          '```\nThe planet with rings around it and a name starting with\n```',
        ].join('\n\n'),
      ]);
      assert.deepEqual(ours[0]?.range, new vscode.Range(document.positionAt(start), document.positionAt(end)));
    });

    it('on a bad chunk: the problem with its explanation', async () => {
      const uri = fixture('broken/content-after-finish.json');
      await vscode.workspace.openTextDocument(uri);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(840, 28));
      assert.deepEqual(hoverText(hovers.filter((h) => hoverText([h]).some((t) => t.startsWith('**Chunk')))), [
        [
          '**Chunk 31 of 31** (`response.body[30]`) · openai\\-chat\\-stream',
          'Content delta:',
          '```\n.\n```',
          'Text so far (choice 0, 134 characters):',
          '```\nThe planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.\n```',
          '---',
          // The problem is named and placed, not quoted: VS Code's own hover shows its message beside ours.
          '**Warning** `content-after-finish` at `response.body[30].__data__.choices[0].delta.content`',
          '*This chunk adds content to a choice that had already finished \\(finish\\_reason was set earlier\\)\\.*',
        ].join('\n\n'),
      ]);
    });

    it('outside any chunk: the problems under the cursor, explained', async () => {
      const uri = fixture('broken/streaming-mismatch.json');
      await vscode.workspace.openTextDocument(uri);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(63, 22));
      const ours = hovers.filter((h) => hoverText([h]).some((t) => t.startsWith('**Error**')));
      assert.deepEqual(hoverText(ours), [
        '**Error** `streaming-mismatch` at `response.is_streaming`\n\n' +
          '*response\\.is\\_streaming says one thing and the shape of response\\.body \\(a list of chunks or one object\\) says another\\.*',
      ]);
      assert.deepEqual(ours[0]?.range, new vscode.Range(63, 20, 63, 24));
    });

    it('shows hostile fixture text as text: HTML, links and fences stay inside a longer fence, and the Markdown is untrusted', async () => {
      const seed = new TextDecoder().decode(await readBytes(fixture('seed-planet.txt')));
      const hostile = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) ```';
      const content = seed.replace('"content": " with"', `"content": ${JSON.stringify(hostile)}`);
      const document = await vscode.workspace.openTextDocument({ language: 'json', content });
      const at = document.positionAt(content.indexOf('<img') + 1);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      const ours = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.startsWith('**Chunk'));
      assert.equal(ours.length, 1);
      const md = ours[0] as vscode.MarkdownString;
      assert.ok(md.value.includes(`Content delta:\n\n\`\`\`\`\n${hostile}\n\`\`\`\``), md.value);
      assert.notEqual(md.isTrusted, true);
      assert.notEqual(md.supportHtml, true);
    });
  });

  describe('quick fixes', () => {
    async function fixesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
      return actions.filter((a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === 'quickfix');
    }

    it('streaming-mismatch: sets is_streaming to what the body shape says', async () => {
      const uri = fixture('broken/streaming-mismatch.json');
      const before = new TextDecoder().decode(await readBytes(uri));
      const document = await vscode.workspace.openTextDocument(uri);
      await expectDiagnostics(uri, [['streaming-mismatch', 'error', 63, 20, 63, 24]]);
      const actions = await fixesAt(uri, new vscode.Range(63, 20, 63, 24));
      // vscode.executeCodeActionProvider does not hand back an action's diagnostics: see the next test for those.
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred]),
        [['Set is_streaming to false', true]],
      );
      assert.ok(await vscode.workspace.applyEdit(actions[0]?.edit as vscode.WorkspaceEdit));
      assert.equal(document.getText(), before.replace('"is_streaming": true', '"is_streaming": false'));
      assert.equal(before.split('"is_streaming": true').length, 2, 'the flag appears once');
      await expectDiagnostics(uri, []);
    });

    it('each fix names the diagnostic it fixes, found in the analysis of the document as it is now', async () => {
      const uri = fixture('broken/streaming-mismatch.json');
      const document = await vscode.workspace.openTextDocument(uri);
      await expectDiagnostics(uri, [['streaming-mismatch', 'error', 63, 20, 63, 24]]);
      const documents = new FixtureDocuments();
      try {
        const provider = new FixtureQuickFixes(documents);
        const published = vscode.languages.getDiagnostics(uri);
        const context: vscode.CodeActionContext = { diagnostics: published, only: undefined, triggerKind: vscode.CodeActionTriggerKind.Invoke };
        const actions = provider.provideCodeActions(document, new vscode.Range(63, 22, 63, 22), context);
        assert.deepEqual(
          actions.map((a) => [a.title, a.kind?.value, a.diagnostics]),
          [['Set is_streaming to false', 'quickfix', published]],
        );
        // Only quick fixes are offered: a request for refactorings gets nothing.
        assert.deepEqual(provider.provideCodeActions(document, new vscode.Range(63, 22, 63, 22), { ...context, only: vscode.CodeActionKind.Refactor }), []);
      } finally {
        documents.dispose();
      }
    });

    it('request-stream-mismatch: sets request.body.stream to agree with is_streaming', async () => {
      const uri = fixture('broken/request-stream-mismatch.json');
      const before = new TextDecoder().decode(await readBytes(uri));
      const document = await vscode.workspace.openTextDocument(uri);
      await expectDiagnostics(uri, [['request-stream-mismatch', 'error', 16, 16, 16, 21]]);
      const actions = await fixesAt(uri, new vscode.Range(16, 18, 16, 18));
      assert.deepEqual(actions.map((a) => a.title), ['Set request.body.stream to true']);
      assert.ok(await vscode.workspace.applyEdit(actions[0]?.edit as vscode.WorkspaceEdit));
      const expected = before.replace('"stream": false', '"stream": true');
      assert.notEqual(expected, before);
      assert.equal(document.getText(), expected);
      await expectDiagnostics(uri, []);
    });

    it('byte-order-mark: rewrites the file without the mark, and a later save does not put it back', async () => {
      const uri = fixture('broken/byte-order-mark.json');
      const before = await readBytes(uri);
      assert.deepEqual([...before.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const document = await vscode.workspace.openTextDocument(uri);
      await expectDiagnostics(uri, [['byte-order-mark', 'error', 0, 0, 0, 1]]);
      const actions = await fixesAt(uri, new vscode.Range(0, 0, 0, 1));
      assert.deepEqual(actions.map((a) => a.title), ['Remove the byte order mark from the file on disk']);
      const command = actions[0]?.command as vscode.Command;
      // As from the light bulb: the fixture is the active editor.
      await vscode.window.showTextDocument(document);
      assert.equal(await vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])), true);
      assert.ok(Buffer.from(await readBytes(uri)).equals(Buffer.from(before.subarray(3))));
      await expectDiagnostics(uri, []);

      // The document was reloaded as plain UTF-8: an edit saved at once keeps the mark away.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 1), ' ');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await document.save());
      const after = await readBytes(uri);
      assert.deepEqual([...after.subarray(0, 3)], [0x7b, 0x20, 0x0a], 'the file starts with "{ \\n", no byte order mark');
      await expectDiagnostics(uri, []);
    });

    it('offers nothing where the fix is not certain (a duplicate key: which value is right?)', async () => {
      const uri = fixture('broken/duplicate-key.json');
      await vscode.workspace.openTextDocument(uri);
      await expectDiagnostics(uri, [['duplicate-key', 'warning', 166, 12, 166, 21]]);
      assert.deepEqual(await fixesAt(uri, new vscode.Range(166, 12, 166, 21)), []);
    });

    it('secret-in-fixture: replaces each credential with the core\'s placeholder, leaving a file with no warning', async () => {
      const uri = fixture('broken/secret-in-fixture.json');
      const before = new TextDecoder().decode(await readBytes(uri));
      const document = await vscode.workspace.openTextDocument(uri);
      const flagged: Shape[] = [
        ['secret-in-fixture', 'warning', 3, 71, 3, 112],
        ['secret-in-fixture', 'warning', 5, 31, 5, 75],
      ];
      await expectDiagnostics(uri, flagged);
      for (const [, , line, start, , end] of flagged) {
        const actions = await fixesAt(uri, new vscode.Range(line, start, line, end));
        assert.deepEqual(actions.map((a) => a.title), ['Redact the credential']);
        assert.ok(await vscode.workspace.applyEdit(actions[0]?.edit as vscode.WorkspaceEdit));
      }
      assert.equal(
        document.getText(),
        before
          .replace('access_token=ya29.FAKE-FAKE-FAKE-not-a-real-token-0000"', 'access_token=REDACTED"')
          .replace('"Bearer sk-proj-FAKEFAKEFAKEFAKEFAKEFAKE0000fake4f2a"', '"Bearer REDACTED"'),
      );
      await expectDiagnostics(uri, []);
    });

    it('secret-in-fixture: a span covering a whole string keeps its quotes; an unexpected span is left alone', () => {
      const text = '{"headers": {"Authorization": "Bearer sk-test-1234"}, "api_key": "sk-test-5678"}';
      const textAt = (s: { start: number; end: number }): string => text.slice(s.start, s.end);
      const inside = text.indexOf('sk-test-1234');
      const whole = text.indexOf('"sk-test-5678"');
      const fixOf = (start: number, end: number): ReturnType<typeof certainFix> =>
        certainFix(makeDiagnostic('secret-in-fixture', 'x', { start, end }, []), undefined, textAt);
      assert.deepEqual(fixOf(inside, inside + 12), { title: 'Redact the credential', span: { start: inside, end: inside + 12 }, newText: 'REDACTED' });
      assert.deepEqual(fixOf(whole, whole + 14), { title: 'Redact the credential', span: { start: whole, end: whole + 14 }, newText: '"REDACTED"' });
      // Not certain: a span across a quote, or a value already redacted.
      assert.equal(fixOf(inside - 8, inside + 12), undefined);
      assert.equal(certainFix(makeDiagnostic('secret-in-fixture', 'x', { start: 0, end: 10 }, []), undefined, () => '"REDACTED"'), undefined);
    });
  });
});
