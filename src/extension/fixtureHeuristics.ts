// Whether a file is worth analyzing as a fixture, from its path or its first characters. No vscode here: the
// workspace validation worker and the benchmark use it outside the extension host's API.

/**
 * A JSON object whose text names a request or a response somewhere: cheap enough to run on every *.json file of a
 * workspace before the real analysis.
 */
export function looksLikeFixtureText(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().replace(/^\uFEFF/, '');
  if (!head.startsWith('{')) return false;
  return text.includes('"response"') || text.includes('"request"');
}

/** Files under a `recordings` or `fixtures` folder are fixtures by where they are. */
export function looksLikeFixturePath(path: string): boolean {
  return /\/(recordings|fixtures)\//.test(path);
}
