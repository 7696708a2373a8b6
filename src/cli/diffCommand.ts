// `fixture-lens diff OLD NEW` and `fixture-lens diff --git [BASE [HEAD]] [-- PATH...]`, `--format
// text|json|markdown`, as CLI-CONTRACT.md specifies: exit 0 when nothing changed but noise, 1 when something
// did, 2 for trouble (usage, an unreadable file, a file that is no fixture, git failing) with one stderr line.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { diffFixtures, exitCodeOf, jsonReport, markdownReport, textReport, type DiffPair } from '../core/diff';
import { diffGitRevisions } from '../core/diff/gitDiff';
import { GitError } from '../core/diff/gitRepository';
import { readFixture, UnreadableFile } from './readFixture';
import { terminalLine, terminalText } from './terminalText';
import { UsageError } from './walk';

export type DiffFormat = 'text' | 'json' | 'markdown';

export interface DiffIo {
  readonly write: (s: string) => void;
  readonly writeError: (s: string) => void;
  /** Where relative paths and git pathspecs are taken from. */
  readonly cwd: string;
}

export interface DiffArguments {
  readonly format: DiffFormat;
  readonly git: boolean;
  /** OLD NEW, or BASE [HEAD] with --git. */
  readonly positional: readonly string[];
  /** After `--` (with --git only). */
  readonly pathspecs: readonly string[];
}

export function parseDiffArguments(args: readonly string[]): DiffArguments {
  const dashes = args.indexOf('--');
  const options = dashes === -1 ? [...args] : args.slice(0, dashes);
  const pathspecs = dashes === -1 ? [] : args.slice(dashes + 1);
  let format: DiffFormat = 'text';
  let git = false;
  const positional: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const a = options[i] as string;
    if (a === '--git') git = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const value = a === '--format' ? options[++i] : a.slice('--format='.length);
      if (value !== 'text' && value !== 'json' && value !== 'markdown') throw new UsageError(value === undefined ? '--format needs a value' : `--format must be text, json or markdown, not ${value}`);
      format = value;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (git) {
    if (positional.length > 2) throw new UsageError('diff --git takes at most BASE and HEAD before -- PATH...');
  } else {
    if (dashes !== -1) throw new UsageError('-- PATH... goes with diff --git');
    if (positional.length !== 2) throw new UsageError('diff needs OLD and NEW (or --git [BASE [HEAD]])');
  }
  return { format, git, positional, pathspecs };
}

function report(pairs: readonly DiffPair[], format: DiffFormat, skipped: number | undefined): string {
  if (format === 'json') return jsonReport(pairs, skipped === undefined ? {} : { skipped });
  if (format === 'markdown') return markdownReport(pairs);
  return terminalText(textReport(pairs));
}

function readSide(file: string, cwd: string): ReturnType<typeof readFixture> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new UsageError(`${file}: no such file or directory`);
  let read;
  try {
    read = readFixture(path);
  } catch (e) {
    if (e instanceof UnreadableFile) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  if (!read.isFixture) throw new UsageError(`${file}: not a fixture (neither an OGX recording nor a cassette of a known recorder)`);
  return read;
}

/** `OLD NEW`: two files, whatever their names; a pair with two names is `modified`. */
function diffTwoFiles(oldFile: string, newFile: string, cwd: string): DiffPair {
  const o = readSide(oldFile, cwd);
  const n = readSide(newFile, cwd);
  const diff = diffFixtures(o.analysis, n.analysis);
  return { old: oldFile, new: newFile, status: diff.status === 'unchanged' ? 'unchanged' : 'modified', diff };
}

export async function diffCommand(args: readonly string[], io: DiffIo): Promise<number> {
  try {
    const parsed = parseDiffArguments(args);
    if (!parsed.git) {
      const [oldFile, newFile] = parsed.positional as [string, string];
      const pair = diffTwoFiles(oldFile, newFile, io.cwd);
      io.write(report([pair], parsed.format, undefined));
      return exitCodeOf([pair]);
    }
    const [base, head] = parsed.positional;
    const result = await diffGitRevisions({ base, head, pathspecs: parsed.pathspecs, cwd: io.cwd });
    io.write(report(result.pairs, parsed.format, result.skipped));
    return exitCodeOf(result.pairs);
  } catch (e) {
    if (e instanceof UsageError || e instanceof GitError) {
      io.writeError(`fixture-lens: ${terminalLine(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}
