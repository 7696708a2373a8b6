// The confirmation before a fixture's request (and an API key) leaves the machine: asked once per
// base URL in a modal dialog that names exactly where the request goes, then remembered in globalState.
// Behind a small interface, so tests and scripts that name the destination themselves can skip it.
import * as vscode from 'vscode';

export interface Destination {
  /** The configured base URL; approvals are remembered per base URL. */
  readonly baseUrl: string;
  /** The full URL the request goes to, fit to show. */
  readonly url: string;
  readonly withKey: boolean;
  readonly fixtureName: string;
}

export interface DestinationApproval {
  approve(destination: Destination): Promise<boolean>;
}

const APPROVED_KEY = 'fixtureLens.rerecord.approvedBaseUrls';

export function sameBaseUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** Asks with a modal dialog the first time, and remembers a yes. */
export class RememberedApproval implements DestinationApproval {
  constructor(private readonly state: vscode.Memento) {}

  async approve(destination: Destination): Promise<boolean> {
    const approved = this.state.get<string[]>(APPROVED_KEY, []);
    if (approved.some((b) => sameBaseUrl(b, destination.baseUrl))) return true;
    const send = 'Send';
    const choice = await vscode.window.showWarningMessage(
      `Send the recorded request of ${destination.fixtureName}${destination.withKey ? ' with your API key' : ''} to ${destination.url}?`,
      {
        modal: true,
        detail: `Re-recording replaces the fixture's response with the answer. Fixture Lens asks once for each base URL (${destination.baseUrl}); where a request goes is decided only by fixtureLens.providers, never by the fixture.`,
      },
      send,
    );
    if (choice !== send) return false;
    await this.state.update(APPROVED_KEY, [...approved, destination.baseUrl.replace(/\/+$/, '')]);
    return true;
  }
}

/** Approves one base URL the caller named (a test, a keybinding's args); asks the fallback for anything else. */
export class NamedApproval implements DestinationApproval {
  constructor(
    private readonly baseUrl: string,
    private readonly fallback: DestinationApproval,
  ) {}

  approve(destination: Destination): Promise<boolean> {
    return sameBaseUrl(this.baseUrl, destination.baseUrl) ? Promise.resolve(true) : this.fallback.approve(destination);
  }
}
