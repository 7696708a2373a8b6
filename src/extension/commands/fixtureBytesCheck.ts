// The check of one fixture file's bytes, the way the CLI does it: decoded by the core, skipped when it does not look
// like a fixture, analyzed, each problem with its line and column. No vscode here: the validation worker runs it, and
// the extension host runs it too when there is no worker.
import { analyzeFixture, decodeFixtureBytes, isFixture, LineIndex, tokenTotals } from '../../core';
import { looksLikeFixtureText } from '../fixtureHeuristics';
import type { WorkerCheck } from './validationWorkerProtocol';

export function checkBytes(bytes: Uint8Array, fileName: string): WorkerCheck {
  const decoded = decodeFixtureBytes(bytes);
  if (!looksLikeFixtureText(decoded.text)) return { isFixture: false, diagnostics: [] };
  const analysis = analyzeFixture(decoded.text, { fileName, prior: decoded.diagnostics });
  // Another tool's JSON or YAML that merely names a request: not a fixture, as for the CLI's walk.
  if (!isFixture(analysis, decoded.text)) return { isFixture: false, diagnostics: [] };
  const lines = new LineIndex(decoded.text);
  return {
    isFixture: true,
    tokens: tokenTotals(analysis),
    diagnostics: analysis.diagnostics.map((diagnostic) => {
      const start = lines.positionAt(diagnostic.span.start);
      const end = lines.positionAt(diagnostic.span.end);
      return { diagnostic, range: [start.line, start.character, end.line, end.character] };
    }),
  };
}
