// "Fixture Lens: Explain Missing Recording": reads the recorder's "Recording not found" message (the editor's
// selection, the terminal's, the clipboard, or typed in), lists the recordings of that test, endpoint and model,
// nearest first, says what makes hashes differ, and offers the suite's command to record that one test again.
import * as vscode from 'vscode';
import { explainMiss, parseRecorderMessage, parseTestId, volatileFields, type MissExplanation, type ParsedRecorderMessage, type RecordingFacts, type VolatileField } from '../../core/audit';
import { readRequest } from '../../core/ogx/requestMembers';
import { basename } from '../paths';
import { recordMissing } from './recordMissing';
import { readText, type RecordingIndex } from './recordingIndex';

export interface ExplainOptions {
  /** The message itself (else the selection, the terminal's selection, the clipboard, an input box). */
  readonly text?: string;
  /** The test the message is about, when the text does not name it. */
  readonly testId?: string;
  /** False: compute and return, show nothing (tests). */
  readonly interactive?: boolean;
}

export interface ExplainResult {
  readonly outcome: 'explained' | 'no-message' | 'cancelled';
  readonly message?: ParsedRecorderMessage;
  readonly testId?: string | null;
  readonly explanation?: MissExplanation;
  /** What in the nearest recording's request changes from run to run. */
  readonly volatile?: readonly VolatileField[];
}

interface Choice extends vscode.QuickPickItem {
  readonly run: () => Thenable<unknown>;
}

export async function explainMissingRecording(index: RecordingIndex, options: ExplainOptions = {}): Promise<ExplainResult> {
  const interactive = options.interactive !== false;
  const text = options.text ?? (await messageText(interactive));
  if (text === undefined) return { outcome: 'cancelled' };
  const message = parseRecorderMessage(text);
  if (!message) {
    if (interactive) void vscode.window.showErrorMessage('No "Recording not found" message of the recorder in that text. Select the message (in the editor or the terminal), copy it, or paste it when asked.');
    return { outcome: 'no-message' };
  }
  await index.ready();
  const recordings = index.all().flatMap((r) => (r.facts ? [r.facts] : []));
  const testId = options.testId ?? message.testId ?? (await testFromName(message.testName, recordings, interactive));
  if (testId === undefined) return { outcome: 'cancelled' };
  const explanation = explainMiss(message.miss, testId, recordings);
  const nearest = explanation.candidates[0];
  const volatile = nearest ? await volatileOf(index, nearest.recording) : [];
  const result: ExplainResult = { outcome: 'explained', message, testId, explanation, volatile };
  if (interactive) await present(index, result);
  return result;
}

/** The editor's selection, else the active terminal's, else the clipboard, else what the user pastes. */
async function messageText(interactive: boolean): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  if (parseRecorderMessage(selected)) return selected;
  if (vscode.window.activeTerminal) {
    // The terminal's selection is reachable only through the clipboard.
    await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
  }
  const clipboard = await vscode.env.clipboard.readText();
  if (parseRecorderMessage(clipboard)) return clipboard;
  if (!interactive) return selected || clipboard;
  return vscode.window.showInputBox({ title: 'Explain Missing Recording', prompt: 'Paste the recorder\'s "Recording not found for …" message', ignoreFocusOut: true });
}

/** A test header names the function only: the recordings say which node ids it has. */
async function testFromName(name: string | null, recordings: readonly RecordingFacts[], interactive: boolean): Promise<string | null | undefined> {
  if (name === null) return null;
  const bare = name.replace(/\[.*$/, '');
  const ids = [...new Set(recordings.flatMap((r) => (typeof r.testId === 'string' && parseTestId(r.testId)?.name === bare ? [r.testId] : [])))].sort();
  const exact = ids.filter((id) => id.endsWith(`::${name}`));
  if (exact.length === 1) return exact[0]!;
  if (ids.length === 0) return null;
  if (!interactive) return ids[0]!;
  const picked = await vscode.window.showQuickPick(ids, { title: `Which ${name}?`, placeHolder: 'The test the message is about' });
  return picked;
}

async function volatileOf(index: RecordingIndex, recording: RecordingFacts): Promise<VolatileField[]> {
  const entry = index.all().find((r) => r.facts === recording);
  const text = entry ? await readText(entry.uri) : undefined;
  if (text === undefined) return [];
  try {
    return volatileFields(readRequest(text, recording.requestAt)?.tree('body'));
  } catch {
    return [];
  }
}

async function present(index: RecordingIndex, result: ExplainResult): Promise<void> {
  const { explanation, message, testId } = result;
  if (!explanation || !message) return;
  const uriOf = (r: RecordingFacts): vscode.Uri | undefined => index.all().find((e) => e.facts === r)?.uri;
  const open = (r: RecordingFacts) => (): Thenable<unknown> => {
    const uri = uriOf(r);
    return uri ? vscode.commands.executeCommand('vscode.openWith', uri, 'fixtureLens.transcript') : Promise.resolve();
  };
  const items: Choice[] = [];
  const looked = 'hash' in message.miss ? message.miss.hash : undefined;
  for (const r of explanation.sameName) {
    items.push({ label: `$(warning) ${basename(r.path)} has the name the recorder looked for`, detail: `It is in ${r.path}; the recorder looks in the test's recordings/ folder, then in the suite's common one.`, run: open(r) });
  }
  for (const r of explanation.sameRequest) {
    const uri = uriOf(r);
    items.push({
      label: `$(lightbulb) Rename ${basename(r.path)} to ${looked ?? '?'}.json`,
      detail: 'It records this very request under a name older rules gave it.',
      run: async () => {
        if (!uri || looked === undefined || looked.length !== 64) return;
        const edit = new vscode.WorkspaceEdit();
        edit.renameFile(uri, vscode.Uri.joinPath(uri, '..', `${looked}.json`));
        await vscode.workspace.applyEdit(edit);
      },
    });
  }
  for (const c of explanation.candidates) {
    items.push({ label: `$(file) ${basename(c.recording.path)}`, description: `same ${c.shares.join(', ')}`, detail: [c.recording.model ?? c.recording.tool, c.recording.endpoint ?? c.recording.url].filter((s) => s !== undefined).join(' · '), run: open(c.recording) });
  }
  const volatile = result.volatile ?? [];
  const why = `${explanation.hashedFields}${volatile.length > 0 ? `\n\nIn the nearest recording these values change from run to run:\n${volatile.map((v) => `• ${v.path.join('.')} = ${v.value} (${v.why})`).join('\n')}` : ''}`;
  items.push({ label: '$(info) What makes hashes differ', detail: explanation.hashedFields, run: () => vscode.window.showInformationMessage('Why a request hashes differently', { modal: true, detail: why }) });
  if (testId && vscode.workspace.isTrusted) {
    const nearest = explanation.candidates[0] ? uriOf(explanation.candidates[0].recording) : undefined;
    items.push({ label: `$(record) Record ${testId} again`, detail: 'Runs the suite\'s command (fixtureLens.recordMissingCommand) for this one test; the new recording opens against the nearest one.', run: () => recordMissing(testId, nearest) });
  }
  const title = explanation.candidates.length === 0 ? 'No recording of this test and endpoint' : `${explanation.candidates.length} recording${explanation.candidates.length === 1 ? '' : 's'} near the one that is missing`;
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true });
  if (picked) await picked.run();
}
