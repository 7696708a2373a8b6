// The "Changed Fixtures" view in Source Control: one line per fixture changed against the base ("answer changed:
// +12 −3 words", "renamed: body.tools[0].description changed", "noise only"), click → the diff. Refreshed,
// debounced, when a repository's state or a fixture file changes, and only while the view is visible.
import * as vscode from 'vscode';
import { whatChanged } from '../../core/diff';
import { basename } from '../paths';
import { collectChangedFixtures } from './changedFixtures';
import type { FixtureComparer, ShownPair } from './fixtureComparer';
import { gitApi, messageOf, type GitApi } from './gitApi';

export const CHANGED_FIXTURES_VIEW = 'fixtureLens.changedFixtures';
export const OPEN_CHANGED_FIXTURE = 'fixtureLens.changedFixtures.open';
export const REFRESH_CHANGED_FIXTURES = 'fixtureLens.changedFixtures.refresh';
export const SET_CHANGED_FIXTURES_BASE = 'fixtureLens.changedFixtures.setBase';

const REFRESH_DELAY_MS = 300;

/** One line of the view, as the tests read it. */
export interface ChangedFixtureLine {
  readonly label: string;
  readonly description: string;
  readonly old: string | null;
  readonly new: string | null;
  readonly status: string;
}

export class ChangedFixturesView implements vscode.TreeDataProvider<ShownPair>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly view: vscode.TreeView<ShownPair>;
  private items: ShownPair[] = [];
  /** The painted lines' text: a refresh that finds the same lines repaints nothing. */
  private painted = '';
  private base = 'HEAD';
  private run = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<ShownPair[]> | undefined;
  private hooked = false;

  constructor(private readonly comparer: FixtureComparer) {
    this.view = vscode.window.createTreeView(CHANGED_FIXTURES_VIEW, { treeDataProvider: this, showCollapseAll: false });
    this.disposables.push(
      this.view,
      this.changed,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) this.schedule();
      }),
      vscode.commands.registerCommand(OPEN_CHANGED_FIXTURE, (key: unknown) => {
        // The tree item's command carries the line's key, not the item: a refresh since the line was painted (git's
        // state changes a few times after a file is written) made new items, and the key finds the current one.
        const clicked = this.items.find((i) => i === key || lineKey(i) === key);
        return clicked ? this.comparer.show(clicked) : undefined;
      }),
      vscode.commands.registerCommand(REFRESH_CHANGED_FIXTURES, async (): Promise<ChangedFixtureLine[]> => (await this.refresh()).map(lineOf)),
      vscode.commands.registerCommand(SET_CHANGED_FIXTURES_BASE, async (ref?: unknown): Promise<ChangedFixtureLine[] | undefined> => {
        const next = typeof ref === 'string' ? ref : await vscode.window.showInputBox({ title: 'Changed Fixtures: compare the working tree with', value: this.base, prompt: 'A branch, tag or commit (HEAD by default)' });
        if (next === undefined || next.trim() === '') return undefined;
        this.base = next.trim();
        this.view.description = this.base === 'HEAD' ? undefined : `against ${this.base}`;
        return (await this.refresh()).map(lineOf);
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,yaml,yml,gz,har,httprr}');
    this.disposables.push(watcher, watcher.onDidChange(() => this.schedule()), watcher.onDidCreate(() => this.schedule()), watcher.onDidDelete(() => this.schedule()));
    if (this.view.visible) this.schedule();
  }

  getTreeItem(item: ShownPair): vscode.TreeItem {
    const line = lineOf(item);
    const t = new vscode.TreeItem(line.label, vscode.TreeItemCollapsibleState.None);
    t.description = line.description;
    t.tooltip = [line.old && line.new && line.old !== line.new ? `${line.old} → ${line.new}` : (line.new ?? line.old ?? ''), line.description].join('\n');
    t.resourceUri = item.newUri ?? item.oldUri;
    t.contextValue = 'fixtureLens.changedFixture';
    t.command = { command: OPEN_CHANGED_FIXTURE, title: 'Show the Fixture Diff', arguments: [lineKey(item)] };
    return t;
  }

  getChildren(item?: ShownPair): ShownPair[] {
    return item ? [] : this.items;
  }

  private schedule(): void {
    if (!this.view.visible) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Lists the changed fixtures again; a newer refresh makes an older one stop and wait for it. */
  async refresh(): Promise<ShownPair[]> {
    const run = ++this.run;
    const api = await gitApi();
    if (!api) {
      this.view.message = 'Git is not available: the built-in Git extension is missing or disabled.';
      return this.publish([]);
    }
    this.hook(api);
    const work = this.collect(api, run);
    this.current = work;
    const items = await work;
    if (run !== this.run && this.current) return this.current;
    return this.publish(items);
  }

  private async collect(api: GitApi, run: number): Promise<ShownPair[]> {
    const out: ShownPair[] = [];
    const problems: string[] = [];
    for (const repository of api.repositories) {
      try {
        const items = await collectChangedFixtures(api, repository, this.base, this.comparer.sides, () => run !== this.run);
        if (!items) return out;
        out.push(...items);
      } catch (e) {
        problems.push(`${basename(repository.rootUri.path)}: ${this.base} is not a revision there (${messageOf(e)})`);
      }
    }
    this.view.message = problems.length > 0 ? problems.join('\n') : undefined;
    return out;
  }

  private publish(items: ShownPair[]): ShownPair[] {
    this.items = items;
    // Repainting disposes the painted items' click commands: a click landing just after would find none ("command
    // not found"), and git's state changes after every status refresh, so most refreshes find the same lines.
    const painted = JSON.stringify(items.map((i) => [lineKey(i), lineOf(i)]));
    if (painted === this.painted) return items;
    this.painted = painted;
    this.view.badge = items.length > 0 ? { value: items.length, tooltip: `${items.length} changed fixture${items.length === 1 ? '' : 's'}` } : undefined;
    this.changed.fire(undefined);
    return items;
  }

  /** Repository events, once the git API is there. */
  private hook(api: GitApi): void {
    if (this.hooked) return;
    this.hooked = true;
    const watch = (r: { readonly state: { readonly onDidChange: vscode.Event<void> } }): void => void this.disposables.push(r.state.onDidChange(() => this.schedule()));
    api.repositories.forEach(watch);
    this.disposables.push(
      api.onDidOpenRepository((r) => {
        watch(r);
        this.schedule();
      }),
      api.onDidCloseRepository(() => this.schedule()),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.run++;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function lineOf(item: ShownPair): ChangedFixtureLine {
  return { label: basename(item.pair.new ?? item.pair.old ?? ''), description: whatChanged(item.pair), old: item.pair.old, new: item.pair.new, status: item.pair.status };
}

/** What a line compares (paths and sides), as a string that survives the tree's refreshes and command arguments. */
export function lineKey(item: ShownPair): string {
  return JSON.stringify([item.pair.old, item.pair.new, item.oldUri?.toString() ?? null, item.newUri?.toString() ?? null]);
}
