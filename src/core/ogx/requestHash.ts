// Recomputes the request hash that names a llama-stack / OGX recording, to tell
// whether a fixture's request was edited after it was recorded.
//
// The recorder hashes `json.dumps(<dict>, sort_keys=True)` with sha256, so the hash
// depends on Python's exact JSON text: int vs float literals, float repr, ASCII
// escaping, code-point key order. JSON.parse loses the int/float distinction
// (`1.0` and `1` both become 1), so we parse into our own tree that keeps it.
//
// Recipes, read from the recorders' source (repository, path @ commit):
//  - legacy        {method, endpoint: urlparse(url).path, body}; file <first 12 hex>.json
//                  llamastack/llama-stack llama_stack/testing/inference_recorder.py @34f5da6c
//  - +test_id      the same dict plus "test_id"; file <64 hex>.json. Model-list endpoints
//                  leave test_id out, by a rule that changed between versions (path in a
//                  fixed set, later path.endswith("/models")), so both forms are tried
//                  llamastack/llama-stack llama_stack/testing/api_recorder.py @00fd27be
//  - normalized    body floats round(x, 5), decimals of 4+ places inside strings f"{x:.5f}",
//                  stream_options dropped for Bedrock hosts
//                  llamastack/llama-stack src/llama_stack/testing/api_recorder.py @00b74994
//  - normalized-v2 also masks file_search scores/attributes/document ids/citations in
//                  strings and drops extra_body/extra_query.project_id
//                  ogx-ai/ogx src/ogx/testing/api_recorder.py @482c6a5b
//  - http          {test_id, url, method, payload: normalized} (rerank, /v1/messages, /interactions)
//  - tool          {provider, tool_name, kwargs}, never test_id nor normalization
//  - models-<hash>-<digest>: first 8 hex of sha1 (12-hex era) or sha256 (later) of
//                  "|".join(sorted(set(model ids))), ids taken from the response.
// File-processor recordings ({provider, api, file_id}) have no known recipe: the
// recorder version that wrote them hashed something the file does not keep.
//
// The pieces live beside this file: pythonJsonParse.ts / pythonJsonDump.ts (json.loads/json.dumps),
// requestMembers.ts (the request read once from its text), requestNormalize.ts (body normalization),
// pyUrlParse.ts (urlparse).

import * as crypto from 'node:crypto';
import { pyUrlParse } from './pyUrlParse';
import { compareCodePoints, dumpedDict, pyEncodeString, pythonJsonDumps } from './pythonJsonDump';
import { parsePythonJson, type PyJson } from './pythonJsonParse';
import { readRequest, type HashableRequest } from './requestMembers';
import { normalizeValue } from './requestNormalize';

// The bench generator reads a request's text through here, where it used to live.
export { rawJsonValue } from './pythonJsonParse';

// ---------------------------------------------------------------------------
// The hashes.

export interface RequestHash {
  scheme: string;
  hash: string; // full 64-hex sha256
}

// crypto.hash (Node 20.12+) hashes a string in one call, without a Hash object: about three times
// faster on a request-sized input. Both encode the string as UTF-8.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** sha256 of the string's UTF-8 bytes, as hex. */
export function sha256Hex(text: string): string {
  return oneShotHash ? oneShotHash('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `json.dumps(dict, sort_keys=True)` of a dict whose values are given already dumped. */
function dictText(members: ReadonlyArray<readonly [string, string]>): string {
  return dumpedDict(new Map(members));
}

// The test id that went into the hash (dumped): the one given, else the one the request
// records. Recorders also stored a test id found through a fallback while hashing
// with none (server mode), so `null` is always a candidate too.
function testIdCandidates(req: HashableRequest, testId: string | null | undefined): Array<[string, string]> {
  const id = testId !== undefined ? testId : req.str('test_id') ?? null;
  const out: Array<[string, string]> = [['+test_id=null', 'null']];
  if (id !== null) out.unshift(['+test_id', pyEncodeString(id)]);
  return out;
}

/** The order requestHashCandidates yields schemes in (what a full list is sorted back into). */
const SCHEME_ORDER = [
  'legacy', 'legacy+test_id', 'legacy+test_id=null',
  'normalized', 'normalized+test_id', 'normalized+test_id=null',
  'normalized-v2', 'normalized-v2+test_id', 'normalized-v2+test_id=null',
  'http+test_id', 'http+test_id=null', 'http-v2+test_id', 'http-v2+test_id=null',
  'tool',
];

/**
 * `testIdFirst` tries, for each body, the test_id forms before the bare one: recorders that name files
 * by the full 64-hex hash are the ones that added test_id, so there it is the likeliest match.
 */
function* inferenceHashes(req: HashableRequest, testId: string | null | undefined, testIdFirst: boolean): Generator<RequestHash> {
  const method = req.str('method');
  const legacyBody = req.dumped('body');
  const url = req.str('url');
  if (method === undefined || legacyBody === undefined) return;
  const endpoint = url !== undefined ? pyUrlParse(url) : { netloc: '', path: req.str('endpoint') ?? '' };
  const bedrock = endpoint.netloc.includes('bedrock');
  // Bodies are normalized only when asked for: most files match the legacy body, and a caller that stops at the first match never pays for the rest.
  const bodies: Array<[string, () => string]> = [
    ['legacy', () => legacyBody],
    ['normalized', () => pythonJsonDumps(normalizeValue(req.tree('body')!, 'v1', true, bedrock), { sortKeys: true })],
    ['normalized-v2', () => pythonJsonDumps(normalizeValue(req.tree('body')!, 'v2', true, bedrock), { sortKeys: true })],
  ];
  const ids = testIdCandidates(req, testId);
  const suffixes: Array<readonly [string, string | undefined]> = testIdFirst ? [...ids, ['', undefined]] : [['', undefined], ...ids];
  const head: Array<readonly [string, string]> = [['method', pyEncodeString(method.toUpperCase())], ['endpoint', pyEncodeString(endpoint.path)]];
  for (const [label, dumpBody] of bodies) {
    // One body, dumped once, is shared by the schemes that differ only in their test_id.
    const base = [...head, ['body', dumpBody()] as const];
    for (const [suffix, id] of suffixes) yield { scheme: label + suffix, hash: sha256Hex(dictText(id === undefined ? base : [...base, ['test_id', id]])) };
  }
}

function* httpHashes(req: HashableRequest, testId: string | null | undefined): Generator<RequestHash> {
  const url = req.str('url');
  const method = req.str('method');
  const payload = req.tree('payload');
  if (url === undefined || method === undefined || payload === undefined) return;
  for (const variant of ['v1', 'v2'] as const) {
    const base: Array<readonly [string, string]> = [['url', pyEncodeString(url)], ['method', pyEncodeString(method.toUpperCase())], ['payload', pythonJsonDumps(normalizeValue(payload, variant), { sortKeys: true })]];
    const label = variant === 'v1' ? 'http' : 'http-v2';
    for (const [suffix, id] of testIdCandidates(req, testId)) yield { scheme: label + suffix, hash: sha256Hex(dictText([...base, ['test_id', id]])) };
  }
}

function toolHashes(req: HashableRequest): RequestHash[] {
  const provider = req.dumped('provider');
  const toolName = req.dumped('tool_name');
  const kwargs = req.dumped('kwargs');
  if (provider === undefined || toolName === undefined || kwargs === undefined) return [];
  return [{ scheme: 'tool', hash: sha256Hex(dictText([['provider', provider], ['tool_name', toolName], ['kwargs', kwargs]])) }];
}

/**
 * Every hash some recorder version could have produced for this request.
 * `requestJsonText` is the envelope's `request` value as written in the file;
 * `testId` is the envelope's `test_id` (undefined: use the request's own, if any).
 */
export function recomputeRequestHashes(requestJsonText: string, testId?: string | null): RequestHash[] {
  return [...requestHashCandidates(requestJsonText, testId)];
}

/** The same hashes, computed one at a time in the order above (throws at once if the text is not JSON). */
export function requestHashCandidates(requestJsonText: string, testId?: string | null): Iterable<RequestHash> {
  return hashCandidates(readRequest(requestJsonText, 0, true), testId, false);
}

function hashCandidates(req: HashableRequest | undefined, testId: string | null | undefined, testIdFirst: boolean): Iterable<RequestHash> {
  if (req === undefined) return [];
  if (req.has('payload')) return httpHashes(req, testId);
  if (req.has('tool_name')) return toolHashes(req);
  return inferenceHashes(req, testId, testIdFirst);
}

// ---------------------------------------------------------------------------
// Model-list digests.

/** Both digests a recorder may have put in `models-<hash>-<digest>.json`. */
export function modelListDigests(endpoint: string, responseBodyJsonText: string): { sha1: string; sha256: string } | undefined {
  return digestsOf(endpoint, parsePythonJson(responseBodyJsonText));
}

function digestsOf(endpoint: string, body: PyJson): { sha1: string; sha256: string } | undefined {
  const ids = modelIdentifiers(endpoint, body);
  if (ids === undefined) return undefined;
  const joined = [...new Set(ids)].sort(compareCodePoints).join('|');
  return {
    sha1: crypto.createHash('sha1').update(joined, 'utf8').digest('hex').slice(0, 8),
    sha256: sha256Hex(joined).slice(0, 8),
  };
}

// The recorder read pydantic objects; in the file they are {__type__, __data__}.
function unwrap(v: PyJson | undefined): PyJson | undefined {
  return v?.kind === 'dict' && v.entries.has('__data__') ? v.entries.get('__data__') : v;
}

function modelIdentifiers(endpoint: string, body: PyJson): string[] | undefined {
  const b = unwrap(body);
  const list = b?.kind === 'list' ? b : b?.kind === 'dict' ? unwrap(b.entries.get('models') ?? b.entries.get('data')) : undefined;
  if (list?.kind !== 'list') return undefined;
  const field = endpoint === '/api/tags' ? 'model' : 'id';
  const ids: string[] = [];
  for (const item of list.items) {
    const m = unwrap(item);
    const id = m?.kind === 'dict' ? m.entries.get(field) : undefined;
    if (id?.kind !== 'str') return undefined;
    ids.push(id.value);
  }
  return ids;
}

// ---------------------------------------------------------------------------
// File names.

const HASH_NAME = /^(?:models-([0-9a-f]{12}|[0-9a-f]{64})-([0-9a-f]{8})|([0-9a-f]{12}|[0-9a-f]{64}))\.json$/;

/** Base name of a path; a `<prefix>__` is stripped when what follows is a recorder's file name. */
export function recordedFileName(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const cut = base.lastIndexOf('__');
  const tail = cut >= 0 ? base.slice(cut + 2) : base;
  return HASH_NAME.test(tail) ? tail : base;
}

export type HashCheckStatus = 'match' | 'mismatch' | 'not-hash-named' | 'unverifiable';

export interface HashCheck {
  status: HashCheckStatus;
  expected?: string[]; // candidate hashes, cut to the length the name uses
  found?: string; // the hash in the name
  scheme?: string; // first scheme that matched
  schemes?: string[]; // every scheme that matched
  digest?: { found: string; expected: string[]; matches: boolean }; // models-… files, when the response was given
  reason?: string; // why the check could not be made
}

/**
 * Compares a recorder's file name (already stripped of any corpus prefix) with
 * the hashes recomputed from the request. `unverifiable` means no recipe applies
 * (file processors) or the request text is not JSON: nothing says it was edited.
 */
export function checkFileNameHash(
  fileName: string,
  requestJsonText: string,
  testId?: string | null,
  options: { responseBodyJsonText?: string; endpoint?: string; firstMatch?: boolean } = {},
): HashCheck {
  let request: HashableRequest | undefined | null = null;
  const body = options.responseBodyJsonText;
  return checkHashName(fileName, () => (request === null ? (request = readRequest(requestJsonText, 0, true)) : request), testId, {
    endpoint: options.endpoint,
    firstMatch: options.firstMatch,
    responseBody: body === undefined ? undefined : () => parsePythonJson(body),
  });
}

/** checkFileNameHash of a request already read (readRequest) and a response body already parsed (jsonMember). */
export function checkParsedFileNameHash(fileName: string, request: HashableRequest | undefined, testId: string | null | undefined, options: { responseBody?: PyJson; firstMatch?: boolean } = {}): HashCheck {
  const body = options.responseBody;
  return checkHashName(fileName, () => request, testId, { firstMatch: options.firstMatch, responseBody: body === undefined ? undefined : () => body });
}

export interface HashInputs {
  readonly responseBody?: () => PyJson;
  readonly endpoint?: string;
  readonly firstMatch?: boolean;
}

function checkHashName(fileName: string, request: () => HashableRequest | undefined, testId: string | null | undefined, options: HashInputs): HashCheck {
  const m = HASH_NAME.exec(fileName);
  if (!m) return { status: 'not-hash-named' };
  const found = (m[1] ?? m[3])!;
  let hashes: RequestHash[];
  try {
    if (options.firstMatch) {
      // Stop at the first scheme that matches, trying the likeliest first: the usual case costs one hash, not nine.
      hashes = [];
      for (const h of hashCandidates(request(), testId, found.length === 64)) {
        if (h.hash.slice(0, found.length) === found) {
          const result: HashCheck = { status: 'match', found, expected: [found], scheme: h.scheme, schemes: [h.scheme] };
          if (m[2] !== undefined && options.responseBody !== undefined) result.digest = checkDigest(m[2], request, options);
          return result;
        }
        hashes.push(h);
      }
      // Tried out of order: `expected` lists them in the usual one.
      hashes.sort((a, b) => SCHEME_ORDER.indexOf(a.scheme) - SCHEME_ORDER.indexOf(b.scheme));
    } else hashes = [...hashCandidates(request(), testId, false)];
  } catch (err) {
    return { status: 'unverifiable', found, reason: `request is not JSON: ${(err as Error).message}` };
  }
  if (hashes.length === 0) return { status: 'unverifiable', found, expected: [], reason: 'no known hash recipe for this request shape' };
  const cut = (h: string): string => h.slice(0, found.length);
  const schemes = hashes.filter((h) => cut(h.hash) === found).map((h) => h.scheme);
  const result: HashCheck = { status: schemes.length ? 'match' : 'mismatch', found, expected: [...new Set(hashes.map((h) => cut(h.hash)))] };
  if (schemes.length) Object.assign(result, { scheme: schemes[0], schemes });
  if (m[2] !== undefined && options.responseBody !== undefined) result.digest = checkDigest(m[2], request, options);
  return result;
}

/** The model-list digest in a models-<hash>-<digest>.json name against the model ids in the response. */
export function checkDigest(found: string, request: () => HashableRequest | undefined, options: HashInputs): HashCheck['digest'] {
  const endpoint = options.endpoint ?? request()?.str('endpoint') ?? '';
  let d: ReturnType<typeof modelListDigests>;
  try {
    d = digestsOf(endpoint, options.responseBody!());
  } catch {
    d = undefined; // a response that is not JSON has no model ids
  }
  const expected = d ? [d.sha256, d.sha1] : [];
  return { found, expected, matches: expected.includes(found) };
}
