// "Copy as curl", "Copy Request as JSON", "Copy Conversation as Markdown" on the active transcript (command palette,
// editor title menu); the webview's own buttons ask the same of the panel.
import * as vscode from 'vscode';
import type { ExportAction } from '../../shared/protocol';
import { exportText } from './messageActions';
import type { TranscriptRegistry } from './transcriptRegistry';

export async function exportFromActiveTranscript(registry: TranscriptRegistry, action: ExportAction): Promise<void> {
  const session = registry.active();
  const shown = session?.shown();
  if (!session || !shown) {
    void vscode.window.showInformationMessage('No fixture transcript is active.');
    return;
  }
  const text = exportText(shown.analysis, shown.model, shown.model.transcript.primary, action);
  if (text === undefined) {
    void vscode.window.showInformationMessage('This request has no body to copy.');
    return;
  }
  await session.copy(text);
}
