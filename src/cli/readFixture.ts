// Reads and analyzes one fixture file for the CLI: refuses what is no regular file or too large before
// reading it, undoes whole-file gzip (`.yaml.gz`, `.httprr.gz`), and says whether the text is a fixture.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeFixture, decodeFixtureBytes, isBlank, isFixture, MAX_FIXTURE_BYTES, tooLargeReason, type FixtureAnalysis } from '../core';


export interface ReadFixture {
  readonly file: string;
  readonly text: string;
  readonly analysis: FixtureAnalysis;
  /** False for a text that is no fixture of any format (valid JSON of another shape, a YAML file of another tool). */
  readonly isFixture: boolean;
  readonly blank: boolean;
}

/** A file that could not be read; the message names the reason (the caller names the file). */
export class UnreadableFile extends Error {}

export function readFixture(file: string): ReadFixture {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new UnreadableFile(stat.isDirectory() ? 'cannot read the file (it is a directory)' : 'not a regular file');
    if (stat.size > MAX_FIXTURE_BYTES) throw new UnreadableFile(tooLargeReason(stat.size));
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof UnreadableFile) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableFile(code === 'ENOENT' ? 'no such file (it was removed while being read)' : `cannot read the file (${code === 'EISDIR' ? 'it is a directory' : (code ?? 'unknown error')})`);
  }
  const decoded = decodeFixtureBytes(bytes);
  const analysis = analyzeFixture(decoded.text, { fileName: basename(file), prior: decoded.diagnostics });
  return { file, text: decoded.text, analysis, isFixture: isFixture(analysis, decoded.text), blank: isBlank(decoded.text) };
}
