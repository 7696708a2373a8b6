// Whether an analyzed text is a fixture at all: a directory walk skips what is no fixture of any format (a
// package.json, a CI workflow), while a broken recording (truncated JSON that still names its request) is a
// fixture with problems, not something to skip.
import type { FixtureAnalysis } from './analysis';
import { asRecord } from './values';

/** How much of a broken text is searched for the names a recording's envelope has. */
const SNIFF = 1 << 16;

export function isFixture(analysis: FixtureAnalysis, text: string): boolean {
  if (analysis.format !== 'ogx') return true;
  const root = asRecord(analysis.value);
  if (root && (asRecord(root['request']) !== undefined || asRecord(root['response']) !== undefined)) return true;
  // Valid JSON of another shape is another tool's file.
  if (analysis.complete) return false;
  return /"(?:request|response)"\s*:/.test(text.slice(0, SNIFF));
}

/** An empty or blank text: a broken fixture where fixtures are kept, nothing anywhere else. */
export function isBlank(text: string): boolean {
  return text.replace(/^\uFEFF/, '').trim() === '';
}
