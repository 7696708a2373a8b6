// Quick fixes for the problems whose fix is certain, applied through a WorkspaceEdit so undo works.
// The fixes come from the analysis of the document as it is now, not from the published diagnostics,
// which may lag an edit behind.
import * as vscode from 'vscode';
import { FixtureDocuments, toRange } from '../fixtureDocuments';
import { certainFix, FIXABLE_CODES } from './certainFixes';
import { fixtureCodeOf } from './diagnosticConversion';
import { isFixtureDocument } from './fixtureSelector';
import { REMOVE_BYTE_ORDER_MARK_COMMAND } from './internalCommands';

export class FixtureQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly documents: FixtureDocuments) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    if (!isFixtureDocument(document)) return [];
    // VS Code asks after every edit and caret move; a fix is offered only where one of our fixable problems is
    // shown, so without one there is nothing to analyze (a large fixture would otherwise be analyzed per keystroke).
    if (!context.diagnostics.some((v) => FIXABLE_CODES.has(fixtureCodeOf(v) ?? '') || fixtureCodeOf(v) === 'byte-order-mark')) return [];
    const analysis = this.documents.analyze(document);
    const textAt = (span: { start: number; end: number }): string => document.getText(toRange(document, span));
    const actions: vscode.CodeAction[] = [];
    for (const d of analysis.diagnostics) {
      if (!FIXABLE_CODES.has(d.code)) continue;
      const at = toRange(document, d.span);
      if (!at.intersection(range)) continue;
      const fix = certainFix(d, analysis.response, textAt);
      if (!fix) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, toRange(document, fix.span), fix.newText);
      action.diagnostics = context.diagnostics.filter((v) => fixtureCodeOf(v) === d.code && v.range.isEqual(at));
      action.isPreferred = true;
      actions.push(action);
    }
    // A byte order mark the editor hid from the text can only be removed from the file itself.
    const hiddenMark = context.diagnostics.filter((v) => fixtureCodeOf(v) === 'byte-order-mark' && v.range.intersection(range));
    if (hiddenMark.length > 0 && document.getText(new vscode.Range(0, 0, 0, 1)) !== '\uFEFF') {
      const action = new vscode.CodeAction('Remove the byte order mark from the file on disk', vscode.CodeActionKind.QuickFix);
      action.command = { command: REMOVE_BYTE_ORDER_MARK_COMMAND, title: action.title, arguments: [document.uri] };
      action.diagnostics = hiddenMark;
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
