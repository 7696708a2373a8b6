// `fixture-lens audit PATH... [--collected FILE] [--format text|json]` as CLI-CONTRACT.md specifies: the suite-level
// findings (unreachable, duplicate, orphan), paths relative to the directory audited; exit 0 nothing found, 1 findings, 2 trouble.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { auditSuite, parseCollectedTests, type AuditInput, type CollectedTests, type SuiteFiles } from '../core/audit';
import { decodeFixtureBytes } from '../core/decode';
import { MAX_FIXTURE_BYTES as MAX_FILE_BYTES } from '../core';
import { terminalLine } from './terminalText';
import { expandPaths, UsageError } from './walk';

export interface AuditArguments {
  readonly paths: readonly string[];
  readonly collected: string | undefined;
  readonly format: 'text' | 'json';
}

/** Test sources are small; anything larger is no test file worth reading. */
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export function auditCommand(args: AuditArguments, write: (s: string) => void, writeError: (s: string) => void): number {
  if (args.paths.length === 0) throw new UsageError('audit needs at least one PATH');
  const collected = args.collected === undefined ? undefined : readCollected(args.collected);
  const walk = expandPaths(args.paths);
  const root = auditRoot(args.paths);
  let trouble = false;
  const fail = (file: string, message: string): void => {
    trouble = true;
    writeError(`fixture-lens: ${terminalLine(file)}: ${terminalLine(message)}\n`);
  };
  for (const p of walk.problems) fail(p.path, p.message);

  const inputs: AuditInput[] = [];
  for (const walked of walk.files) {
    // Whole-file gzip (.yaml.gz) holds cassettes of other recorders: they follow no naming the audit checks.
    if (/\.gz$/i.test(walked.path)) continue;
    const text = readText(walked.path, MAX_FILE_BYTES, fail);
    if (text !== undefined) inputs.push({ path: toSuitePath(root, walked.path), text });
  }
  const files: SuiteFiles = {
    readText: (path) => {
      const full = resolve(root, ...path.split('/'));
      try {
        const stat = statSync(full);
        return stat.isFile() && stat.size <= MAX_SOURCE_BYTES ? readFileSync(full, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
  };
  const report = auditSuite(inputs, collected ? { collected } : { files });

  if (args.format === 'json') {
    const findings = report.findings.map((f) => ({ kind: f.kind, file: f.file, message: f.message, related: f.related, ...(f.rules === undefined ? {} : { rules: f.rules }), ...(f.testId === undefined ? {} : { testId: f.testId }) }));
    write(`${JSON.stringify({ findings, summary: report.summary, notes: report.notes }, null, 2)}\n`);
  } else {
    for (const f of report.findings) write(`${terminalLine(f.file)}: ${f.kind}${f.rules === undefined ? '' : ` (${f.rules})`}: ${terminalLine(f.message)}\n`);
    for (const note of report.notes) write(`note: ${note}\n`);
    const s = report.summary;
    write(`${plural(s.files, 'file')} audited: ${s.unreachable} unreachable, ${s.duplicate} duplicate, ${s.orphan} orphan\n`);
  }
  if (trouble) return 2;
  return report.findings.length > 0 ? 1 : 0;
}

function readCollected(file: string): CollectedTests {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read the collected test list (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unknown error')})`);
  }
  return parseCollectedTests(text);
}

function readText(file: string, limit: number, fail: (file: string, message: string) => void): string | undefined {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return undefined;
    if (stat.size > limit) {
      fail(file, 'too large to read');
      return undefined;
    }
    return decodeFixtureBytes(readFileSync(file)).text;
  } catch (e) {
    fail(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    return undefined;
  }
}

/** The directory audited: the one PATH when it is a directory, else the folder all PATHs share. */
function auditRoot(paths: readonly string[]): string {
  const dirs = paths.map((p) => {
    const full = resolve(p);
    try {
      return statSync(full).isDirectory() ? full : dirname(full);
    } catch {
      return dirname(full);
    }
  });
  let common = dirs[0]!;
  for (const d of dirs.slice(1)) {
    while (common !== dirname(common) && relative(common, d).startsWith('..')) common = dirname(common);
  }
  return common;
}

function toSuitePath(root: string, file: string): string {
  const rel = relative(root, resolve(file));
  return (rel === '' || isAbsolute(rel) ? file : rel).split(sep).join('/');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
