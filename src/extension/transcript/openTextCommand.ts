// "Open as Text": the active transcript's file back in the default text editor, in place of the transcript (as
// "Reopen Editor With…" does), so toggling between the two never piles up tabs.
import * as vscode from 'vscode';
import type { TranscriptRegistry } from './transcriptRegistry';

function transcriptTabs(uri: vscode.Uri, column: vscode.ViewColumn): vscode.Tab[] {
  const group = vscode.window.tabGroups.all.find((g) => g.viewColumn === column);
  return (group?.tabs ?? []).filter((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString() && tab.input.viewType.startsWith('fixtureLens.'));
}

export async function openText(registry: TranscriptRegistry, arg?: unknown): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : registry.activeUri();
  if (!uri) {
    void vscode.window.showInformationMessage('No fixture transcript is active.');
    return;
  }
  const column = vscode.window.tabGroups.activeTabGroup.viewColumn;
  await vscode.commands.executeCommand('vscode.openWith', uri, 'default', column);
  // The transcript's tab is closed as a tab, never by disposing its panel: a panel disposed under a tab that stays
  // leaves the workbench a dead webview to reclaim on the next open (microsoft/vscode#173291). The extension host's
  // tab list can trail the workbench by a moment, so a tab that is "not found" is looked up again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const tabs = transcriptTabs(uri, column);
    if (tabs.length === 0) return;
    try {
      // The text editor now holds the document, so closing the transcript never asks to save.
      await vscode.window.tabGroups.close(tabs, true);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
