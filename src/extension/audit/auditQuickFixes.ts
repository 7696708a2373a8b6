// Quick fixes for the audit's findings where one is certain: an unreachable recording, or one whose test is gone,
// is deleted (this one, or every such recording the audit found). Duplicates have none: which copy to keep is a choice.
import * as vscode from 'vscode';
import { AUDIT_SOURCE, DELETABLE_KINDS, type AuditDiagnostics } from './auditDiagnostics';
import { DELETE_RECORDINGS_COMMAND } from './deleteRecordings';

export class AuditQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly audits: AuditDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = context.diagnostics.filter((d) => d.source === AUDIT_SOURCE && DELETABLE_KINDS.has(String(d.code)));
    if (findings.length === 0) return [];
    const actions: vscode.CodeAction[] = [];
    const one = new vscode.CodeAction(findings[0]!.code === 'orphan' ? 'Delete this recording of a test that is gone' : 'Delete this unreachable recording', vscode.CodeActionKind.QuickFix);
    one.diagnostics = findings;
    one.isPreferred = true;
    one.command = { title: one.title, command: DELETE_RECORDINGS_COMMAND, arguments: [[document.uri]] };
    actions.push(one);
    const all = this.audits.deletable();
    if (all.length > 1) {
      const every = new vscode.CodeAction(`Delete all ${all.length} unreachable and orphan recordings the audit found`, vscode.CodeActionKind.QuickFix);
      every.diagnostics = findings;
      every.command = { title: every.title, command: DELETE_RECORDINGS_COMMAND, arguments: [all] };
      actions.push(every);
    }
    return actions;
  }
}
