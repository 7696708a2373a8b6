// `fixture-lens validate PATH... [--format text|json]` as CLI-CONTRACT.md specifies, with its Additions: every
// recorder's format, one entry per exchange, files that are no fixture skipped, unreadable ones reported
// while the rest is still checked (exit 2 at the end).
import { LineIndex, type FixtureAnalysis, type FixtureDiagnostic } from '../core';
import { readFixture, UnreadableFile } from './readFixture';
import { terminalLine } from './terminalText';
import { expandPaths, type WalkedFile } from './walk';

export interface CliDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly path: readonly (string | number)[];
  readonly exchange?: number;
}

export function toCliDiagnostic(d: FixtureDiagnostic, lines: LineIndex): CliDiagnostic {
  const start = lines.positionAt(d.span.start);
  const end = lines.positionAt(d.span.end);
  const out: CliDiagnostic = { code: d.code, severity: d.severity, message: d.message, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, path: d.path };
  return d.exchange === undefined ? out : { ...out, exchange: d.exchange };
}

export function exchangeSummaries(analysis: FixtureAnalysis): { index: number; method: string; url: string; status: number | null; dialect: string; streaming: boolean }[] {
  return analysis.exchanges.map((e) => ({ index: e.index, method: e.method, url: e.url, status: e.status, dialect: e.dialect, streaming: e.streaming }));
}

/** Fixture folders: there an empty or broken file is a broken fixture, not someone else's file. */
const FIXTURE_FOLDER = /(^|[\\/])(recordings|fixtures|cassettes|vcr_cassettes)[\\/]/;

export function validateCommand(paths: readonly string[], format: 'text' | 'json', write: (s: string) => void, writeError: (s: string) => void = () => {}): number {
  const walk = expandPaths(paths);
  const summary = { files: 0, errors: 0, warnings: 0, infos: 0, skipped: 0 };
  const results = [];
  const errors: { file: string; message: string }[] = [];
  let trouble = false;
  const fail = (file: string, message: string): void => {
    trouble = true;
    errors.push({ file, message });
    writeError(`fixture-lens: ${terminalLine(file)}: ${terminalLine(message)}\n`);
  };
  for (const p of walk.problems) fail(p.path, p.message);
  for (const walked of walk.files) {
    const read = readOne(walked, fail);
    if (!read) continue;
    if (!read.isFixture && !(walked.explicit && read.blank) && !(FIXTURE_FOLDER.test(walked.path) && (read.blank || !read.analysis.complete))) {
      if (walked.explicit) fail(walked.path, 'not a fixture of any format this tool reads');
      else summary.skipped++;
      continue;
    }
    summary.files++;
    const { text, analysis } = read;
    const lines = new LineIndex(text);
    const diagnostics = analysis.diagnostics.map((d) => toCliDiagnostic(d, lines));
    for (const d of diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
      if (format === 'text') write(`${terminalLine(walked.path)}:${d.line}:${d.column}: ${d.severity} ${d.code} ${terminalLine(d.message)}\n`);
    }
    if (format === 'json') results.push({ file: walked.path, format: analysis.format, dialect: analysis.dialect, exchanges: exchangeSummaries(analysis), diagnostics });
  }
  if (format === 'json') write(`${JSON.stringify({ files: results, summary, ...(errors.length > 0 ? { errors } : {}) }, null, 2)}\n`);
  else {
    const skipped = summary.skipped > 0 ? `; ${plural(summary.skipped, 'file')} skipped (no fixture)` : '';
    write(`${plural(summary.files, 'file')} checked: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}${skipped}\n`);
  }
  if (trouble) return 2;
  return summary.errors > 0 ? 1 : 0;
}

function readOne(walked: WalkedFile, fail: (file: string, message: string) => void): ReturnType<typeof readFixture> | undefined {
  try {
    return readFixture(walked.path);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    fail(walked.path, e.message);
    return undefined;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
