// Registers the fixture diff in the editor: the compare commands, the diff panels and the Changed Fixtures view.
import * as vscode from 'vscode';
import type { FixtureDocuments } from '../fixtureDocuments';
import { ChangedFixturesView } from './changedFixturesView';
import { registerCompareCommands } from './compareCommands';
import { FixtureComparer } from './fixtureComparer';

export function registerDiff(context: vscode.ExtensionContext, _documents: FixtureDocuments): void {
  // The diff reads its sides as bytes (a blob of a revision, a file on disk) and caches them by content: the
  // documents' per-version cache holds only open editors, so it is not used here.
  const comparer = new FixtureComparer(context.extensionUri);
  context.subscriptions.push(comparer, ...registerCompareCommands(comparer), new ChangedFixturesView(comparer));
}
