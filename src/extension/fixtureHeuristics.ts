// Whether a file is worth analyzing as a fixture, from its path or its first characters. No vscode here: the
// workspace validation worker and the benchmark use it outside the extension host's API.
export { looksLikeFixtureText } from '../core/containers/sniff';

/** Files under the folders recorders write to are fixtures by where they are (there even a broken file is one). */
export function looksLikeFixturePath(path: string): boolean {
  return /\/(recordings|fixtures|cassettes|vcr_cassettes)\//.test(path);
}
