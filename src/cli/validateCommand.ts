// `fixture-lens validate PATH... [--format text|json]` as CLI-CONTRACT.md specifies.
import { LineIndex, type FixtureDiagnostic } from '../core';
import { readFixture } from './readFixture';
import { expandPaths } from './walk';

export interface CliDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly path: readonly (string | number)[];
}

export function toCliDiagnostic(d: FixtureDiagnostic, lines: LineIndex): CliDiagnostic {
  const start = lines.positionAt(d.span.start);
  const end = lines.positionAt(d.span.end);
  return { code: d.code, severity: d.severity, message: d.message, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, path: d.path };
}

export function validateCommand(paths: readonly string[], format: 'text' | 'json', write: (s: string) => void): number {
  const files = expandPaths(paths);
  const summary = { files: files.length, errors: 0, warnings: 0, infos: 0 };
  const results = [];
  for (const file of files) {
    const { text, analysis } = readFixture(file);
    const lines = new LineIndex(text);
    const diagnostics = analysis.diagnostics.map((d) => toCliDiagnostic(d, lines));
    for (const d of diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
      if (format === 'text') write(`${file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}\n`);
    }
    if (format === 'json') results.push({ file, dialect: analysis.dialect, diagnostics });
  }
  if (format === 'json') write(`${JSON.stringify({ files: results, summary }, null, 2)}\n`);
  else write(`${plural(summary.files, 'file')} checked: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}\n`);
  return summary.errors > 0 ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
