// Reads and analyzes one fixture file for the CLI.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeFixture, decodeFixtureBytes, type FixtureAnalysis } from '../core';
import { UsageError } from './walk';

export interface ReadFixture {
  readonly file: string;
  readonly text: string;
  readonly analysis: FixtureAnalysis;
}

export function readFixture(file: string): ReadFixture {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read the file (${code === 'EISDIR' ? 'it is a directory' : (code ?? 'unknown error')})`);
  }
  const decoded = decodeFixtureBytes(bytes);
  const analysis = analyzeFixture(decoded.text, { fileName: basename(file), prior: decoded.diagnostics });
  return { file, text: decoded.text, analysis };
}
