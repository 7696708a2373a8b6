// The audit's findings in the Problems panel, in a collection of their own: a new audit replaces them all, and a
// recording deleted through a quick fix takes its finding with it.
import * as vscode from 'vscode';
import type { AuditFinding } from '../../core/audit';
import { LineIndex } from '../../core/lineIndex';

export const AUDIT_SOURCE = 'Fixture Lens audit';

/** The kinds a delete fixes for certain: nothing replays an unreachable recording or one of a test that is gone. */
export const DELETABLE_KINDS: ReadonlySet<string> = new Set(['unreachable', 'orphan']);

export class AuditDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('fixtureLens.audit');

  /** Replaces every finding under `root` (a folder audited) with these. */
  publish(root: vscode.Uri, findings: readonly { readonly finding: AuditFinding; readonly text: string }[]): void {
    const prefix = root.toString().replace(/\/?$/, '/');
    this.collection.forEach((uri) => {
      if (uri.toString().startsWith(prefix)) this.collection.delete(uri);
    });
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const { finding, text } of findings) {
      const uri = vscode.Uri.joinPath(root, ...finding.file.split('/'));
      const lines = new LineIndex(text);
      const span = finding.span ?? { start: 0, end: 0 };
      const start = lines.positionAt(span.start);
      const end = lines.positionAt(span.end);
      const range = new vscode.Range(start.line, start.character, end.line, end.character);
      const d = new vscode.Diagnostic(range, finding.message, finding.kind === 'duplicate' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Warning);
      d.source = AUDIT_SOURCE;
      d.code = finding.kind;
      if (finding.related.length > 0) {
        d.relatedInformation = finding.related.map((p) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.joinPath(root, ...p.split('/')), new vscode.Position(0, 0)), finding.kind === 'orphan' ? 'related' : 'a recording of the same request'));
      }
      const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(d);
      byFile.set(uri.toString(), entry);
    }
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
  }

  /** Files whose finding a delete fixes for certain. */
  deletable(): vscode.Uri[] {
    const out: vscode.Uri[] = [];
    this.collection.forEach((uri, diagnostics) => {
      if (diagnostics.some((d) => DELETABLE_KINDS.has(String(d.code)))) out.push(uri);
    });
    return out.sort((a, b) => (a.toString() < b.toString() ? -1 : 1));
  }

  forget(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
