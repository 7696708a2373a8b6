// Core diagnostics -> vscode.Diagnostic, in one place for the live and the workspace collections.
import * as vscode from 'vscode';
import type { FixtureDiagnostic, Severity, Span } from '../../core';

export const DIAGNOSTIC_SOURCE = 'Fixture Lens';

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * `range` is computed by the caller: from a TextDocument for open files, from the core's LineIndex for
 * files read from disk. The code is the plain string: there is no published page per code to link to.
 * `locate` turns the spans of the defect's other places into locations, shown as the diagnostic's related
 * information (one defect in twelve chunks is one entry in the Problems panel, with its twelve places).
 */
export function toVsDiagnostic(d: FixtureDiagnostic, range: vscode.Range, locate?: (span: Span) => vscode.Location | undefined): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITIES[d.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = d.code;
  if (locate && d.related && d.related.length > 0) {
    const related = d.related.flatMap((r) => {
      const location = locate(r.span);
      return location ? [new vscode.DiagnosticRelatedInformation(location, r.message)] : [];
    });
    if (related.length > 0) diagnostic.relatedInformation = related;
  }
  return diagnostic;
}

/** The code of one of our diagnostics, or undefined for anyone else's. */
export function fixtureCodeOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  if (typeof code === 'string') return code;
  if (typeof code === 'object' && typeof code.value === 'string') return code.value;
  return undefined;
}
