// "Fixture Lens: Audit Recordings in Workspace": `fixture-lens audit` over each workspace folder (or one folder
// given), its findings in the Problems panel. The test sources the audit asks about are read from the workspace's
// file system first, since the core reads them synchronously.
import * as vscode from 'vscode';
import { auditSuite, type AuditInput, type AuditReport } from '../../core/audit';
import { mergedExcludeGlob } from '../commands/workspaceExcludes';
import type { AuditDiagnostics } from './auditDiagnostics';
import { readText } from './recordingIndex';

const AUDITED_FILES = '**/*.{json,yaml,yml}';
const BATCH = 32;

export interface FolderAudit {
  readonly root: vscode.Uri;
  readonly report: AuditReport;
}

export interface WorkspaceAuditResult {
  readonly folders: readonly FolderAudit[];
  readonly cancelled: boolean;
}

/** Audits `arg` (a folder Uri) or every workspace folder; undefined when there is nothing to audit. */
export async function auditWorkspace(audits: AuditDiagnostics, arg?: unknown): Promise<WorkspaceAuditResult | undefined> {
  const roots = arg instanceof vscode.Uri ? [arg] : (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
  if (roots.length === 0) {
    void vscode.window.showInformationMessage('Open a folder first: there is no workspace to audit.');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fixture Lens: auditing recordings', cancellable: true },
    async (progress, token) => {
      const folders: FolderAudit[] = [];
      for (const root of roots) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `finding files in ${root.path.split('/').pop() ?? root.path}…` });
        const audited = await auditFolder(root, token, (done, total) => progress.report({ message: `${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} files` }));
        if (!audited) break;
        audits.publish(root, audited.findings);
        folders.push({ root, report: audited.report });
      }
      return { folders, cancelled: token.isCancellationRequested };
    },
  );
  const total = (key: 'unreachable' | 'duplicate' | 'orphan'): number => result.folders.reduce((n, f) => n + f.report.summary[key], 0);
  const files = result.folders.reduce((n, f) => n + f.report.summary.files, 0);
  const found = total('unreachable') + total('duplicate') + total('orphan');
  const line = `Fixture Lens audit${result.cancelled ? ' (cancelled)' : ''}: ${files.toLocaleString('en-US')} recordings, ${total('unreachable')} unreachable, ${total('duplicate')} duplicate, ${total('orphan')} orphan.`;
  if (found > 0) {
    void vscode.window.showWarningMessage(line, 'Show Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  } else void vscode.window.showInformationMessage(line);
  return result;
}

async function auditFolder(
  root: vscode.Uri,
  token: vscode.CancellationToken,
  progress: (done: number, total: number) => void,
): Promise<{ report: AuditReport; findings: { finding: AuditReport['findings'][number]; text: string }[] } | undefined> {
  const exclude = mergedExcludeGlob(vscode.workspace.getConfiguration('files', root).get('exclude'), vscode.workspace.getConfiguration('search', root).get('exclude'));
  const uris = [...(await vscode.workspace.findFiles(new vscode.RelativePattern(root, AUDITED_FILES), exclude, undefined, token))].sort((a, b) => (a.path < b.path ? -1 : 1));
  const inputs: AuditInput[] = [];
  const texts = new Map<string, string>();
  for (let i = 0; i < uris.length; i += BATCH) {
    if (token.isCancellationRequested) return undefined;
    const batch = uris.slice(i, i + BATCH);
    const read = await Promise.all(batch.map(readText));
    batch.forEach((uri, k) => {
      const text = read[k];
      if (text === undefined) return;
      const path = relativePath(root, uri);
      inputs.push({ path, text });
      texts.set(path, text);
    });
    progress(Math.min(i + BATCH, uris.length), uris.length);
  }
  // First pass: which test sources the audit wants (every candidate place); then read them; then the real pass.
  const wanted = new Set<string>();
  auditSuite(inputs, { files: { readText: (path) => void wanted.add(path) } });
  const sources = new Map<string, string>();
  await Promise.all([...wanted].map(async (path) => {
    const uri = resolveUnder(root, path);
    if (!uri) return;
    const text = await readText(uri);
    if (text !== undefined) sources.set(path, text);
  }));
  const report = auditSuite(inputs, { files: { readText: (path) => sources.get(path) } });
  return { report, findings: report.findings.map((finding) => ({ finding, text: texts.get(finding.file) ?? '' })) };
}

function relativePath(root: vscode.Uri, uri: vscode.Uri): string {
  const base = root.path.replace(/\/?$/, '/');
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}

/** A path relative to the root, '../' allowed, as a Uri (undefined when it climbs above the file system's root). */
function resolveUnder(root: vscode.Uri, path: string): vscode.Uri | undefined {
  const segments = root.path.split('/').filter((s) => s !== '');
  for (const seg of path.split('/')) {
    if (seg === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else if (seg !== '' && seg !== '.') segments.push(seg);
  }
  return root.with({ path: `/${segments.join('/')}` });
}
