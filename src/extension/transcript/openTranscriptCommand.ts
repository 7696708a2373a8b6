// "Open as Fixture Transcript": the editor's or explorer's file in the transcript editor; files over 50 MB, which VS
// Code will not hand to extensions as text, in the read-only large-file transcript instead.
import * as vscode from 'vscode';
import { LARGE_TRANSCRIPT_VIEW_TYPE } from './largeTranscriptProvider';
import { TRANSCRIPT_VIEW_TYPE } from './transcriptEditorProvider';

/** VS Code does not sync documents larger than this to extensions, so openTextDocument fails for them. */
export const LARGE_FILE_BYTES = 50 * 1024 * 1024;

/** Which editor suits a file of `size` bytes (undefined when the size is unknown, e.g. an untitled document). */
export function transcriptViewTypeFor(size: number | undefined): string {
  return size !== undefined && size > LARGE_FILE_BYTES ? LARGE_TRANSCRIPT_VIEW_TYPE : TRANSCRIPT_VIEW_TYPE;
}

async function sizeOf(uri: vscode.Uri): Promise<number | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return undefined;
  }
}

/** The active tab's file: a big file shows VS Code's "very large, Open Anyway" placeholder and has no text editor. */
function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
}

export async function openTranscript(arg?: unknown): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : (vscode.window.activeTextEditor?.document.uri ?? activeTabUri());
  if (!uri) {
    void vscode.window.showInformationMessage('Open a fixture file (or select one in the explorer) to show it as a transcript.');
    return;
  }
  // A dirty document must be shown as edited, whatever its size on disk.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const viewType = open ? TRANSCRIPT_VIEW_TYPE : transcriptViewTypeFor(await sizeOf(uri));
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
}
