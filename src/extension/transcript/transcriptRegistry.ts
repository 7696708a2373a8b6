// The open transcript panels, so commands can act on the active one and tests can see what each was sent.
import type * as vscode from 'vscode';
import type { TranscriptPanelState, TranscriptSession } from './transcriptSession';

export class TranscriptRegistry {
  private readonly sessions = new Set<TranscriptSession>();

  add(session: TranscriptSession): void {
    this.sessions.add(session);
    session.onDidDispose(() => this.sessions.delete(session));
  }

  /** The transcript panel that has focus, if any. */
  active(): TranscriptSession | undefined {
    for (const s of this.sessions) if (s.panel.active) return s;
    return undefined;
  }

  /** The resource of the active transcript panel. */
  activeUri(): vscode.Uri | undefined {
    return this.active()?.uri;
  }

  states(): TranscriptPanelState[] {
    return [...this.sessions].map((s) => s.state());
  }

  dispose(): void {
    for (const s of [...this.sessions]) s.dispose();
    this.sessions.clear();
  }
}
