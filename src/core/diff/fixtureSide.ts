// One side of a diff from its bytes (a file on disk or a blob from git): decoded (gzip undone), analyzed,
// and judged a fixture or not, so a `package.json` among the changed files is skipped rather than compared.
import type { FixtureAnalysis } from '../analysis';
import { analyzeFixture } from '../analyzeFixture';
import { decodeFixtureBytes } from '../decode';
import { isFixture } from '../fixtureVerdict';

export interface FixtureSide {
  readonly analysis: FixtureAnalysis;
  readonly isFixture: boolean;
}

/** Names of the files a directory of fixtures holds, as CLI-CONTRACT.md's walk lists them. */
const FIXTURE_NAME = /\.(?:json|ya?ml|ya?ml\.gz|har|httprr|httprr\.gz)$/i;

export function hasFixtureName(path: string): boolean {
  return FIXTURE_NAME.test(path);
}

export function readFixtureSide(bytes: Uint8Array): FixtureSide {
  const decoded = decodeFixtureBytes(bytes);
  // No file name: the request-hash check is validation's business, not the diff's.
  const analysis = analyzeFixture(decoded.text, { prior: decoded.diagnostics });
  return { analysis, isFixture: isFixture(analysis, decoded.text) };
}
