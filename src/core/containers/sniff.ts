// Whether a text may be a fixture of any format, from its first characters: cheap enough to run on every
// candidate file of a workspace before the real analysis (which then decides, and may still say "no fixture").

/** How far into a text the top-level keys of a cassette are looked for. */
const HEAD = 4096;

// A YAML cassette's top-level keys (vcrpy sorts its keys, Ruby's and go-vcr's put theirs first).
const YAML_CASSETTE = /^(?:interactions|http_interactions|requests|responses):/m;

export function looksLikeFixtureText(text: string): boolean {
  const head = text.slice(0, HEAD).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('httprr trace v1')) return true;
  if (head.startsWith('{')) {
    // OGX and Datadog name a request or a response; Azure's test proxy its Entries, HAR its log, vcrpy's JSON its interactions.
    return text.includes('"response"') || text.includes('"request"') || head.includes('"Entries"') || head.includes('"log"') || head.includes('"interactions"');
  }
  // nock writes an array of interceptors, each with its scope.
  if (head.startsWith('[')) return head.includes('"scope"');
  return YAML_CASSETTE.test(head);
}
