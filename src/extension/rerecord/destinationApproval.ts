// The confirmation before a fixture's request (and an API key) leaves the machine: asked once per
// destination — the base URL and the whole path below it — in a modal dialog that names exactly where
// the request goes, then remembered in globalState. Behind a small interface, so tests and scripts that
// name the destination themselves can skip it.
import * as vscode from 'vscode';

export interface Destination {
  /** The configured base URL. */
  readonly baseUrl: string;
  /** The full URL the request goes to, fit to show. */
  readonly url: string;
  /** What an approval covers (approvalScope: the base URL and the endpoint's path); remembered per scope. */
  readonly scope: string;
  readonly withKey: boolean;
  readonly fixtureName: string;
}

export interface DestinationApproval {
  approve(destination: Destination): Promise<boolean>;
}

// Approvals were once remembered per base URL alone; those are not read, so each destination is asked once again.
const APPROVED_KEY = 'fixtureLens.rerecord.approvedDestinations';

export function sameBaseUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** Asks with a modal dialog the first time, and remembers a yes. */
export class RememberedApproval implements DestinationApproval {
  constructor(private readonly state: vscode.Memento) {}

  async approve(destination: Destination): Promise<boolean> {
    const approved = this.state.get<unknown>(APPROVED_KEY, []);
    const scopes = Array.isArray(approved) ? approved.filter((s): s is string => typeof s === 'string') : [];
    if (scopes.includes(destination.scope)) return true;
    const send = 'Send';
    const choice = await vscode.window.showWarningMessage(
      `Send the recorded request of ${destination.fixtureName}${destination.withKey ? ' with your API key' : ''} to ${destination.url}?`,
      {
        modal: true,
        detail: `Re-recording replaces the fixture's response with the answer. Fixture Lens asks once for each destination (the base URL ${destination.baseUrl} and the path below it); where a request goes is decided only by fixtureLens.providers, never by the fixture.`,
      },
      send,
    );
    if (choice !== send) return false;
    await this.state.update(APPROVED_KEY, [...scopes, destination.scope]);
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
