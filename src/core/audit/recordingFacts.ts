// What the suite-level checks need from one OGX recording, read without analysing the whole file: its test,
// its request (method, URL, endpoint, model), the hash today's recorder computes and what its name says.
import type { Span } from '../diagnostic';
import { explainRecordingName, parseRecordingName, RuleHashes, type NameVerdict, type RequestKind } from '../ogx/recordingName';
import { skipString } from '../jsonScan';
import { PyParser } from '../ogx/pythonJsonParse';
import { recordedFileName } from '../ogx/requestHash';
import { readRequest } from '../ogx/requestMembers';

export interface RecordingFacts {
  /** The path the caller gave ('/'-separated, relative to the suite). */
  readonly path: string;
  /** The recorded test_id: null for session-level recordings, undefined when the file has none. */
  readonly testId: string | null | undefined;
  /** Where the test_id value is in the text, when there is one. */
  readonly testIdSpan: Span | undefined;
  /** Where the request value starts. */
  readonly requestAt: number;
  readonly kind: RequestKind;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly endpoint: string | undefined;
  readonly model: string | undefined;
  /** Tool recordings: "provider.tool_name". */
  readonly tool: string | undefined;
  readonly verdict: NameVerdict;
  /** The hash today's recorder computes for the request under the recorded test (64 hex), when it has a recipe. */
  readonly currentHash: string | undefined;
  /** models-<hash>-<digest>.json: the digest. */
  readonly modelDigest: string | undefined;
}

/** Facts of an OGX recording; undefined when the text is no OGX recording (or not JSON enough to tell). */
export function readRecordingFacts(path: string, text: string): RecordingFacts | undefined {
  try {
    const members = rootMembers(text);
    const requestAt = members?.get('request');
    if (requestAt === undefined) return undefined;
    const request = readRequest(text, requestAt);
    if (request === undefined || !request.has('method') && !request.has('tool_name') && !request.has('provider')) return undefined;
    const testIdAt = members!.get('test_id');
    let testId: string | null | undefined;
    let testIdSpan: Span | undefined;
    if (testIdAt !== undefined) {
      const p = new PyParser(text);
      p.pos = testIdAt;
      const value = p.value();
      testId = value.kind === 'str' ? value.value : null;
      testIdSpan = { start: testIdAt, end: p.pos };
    }
    const hashes = new RuleHashes(request, testId);
    const name = recordedFileName(path);
    const provider = request.str('provider');
    const toolName = request.str('tool_name');
    return {
      path,
      testId,
      testIdSpan,
      requestAt,
      kind: hashes.kind,
      method: request.str('method'),
      url: request.str('url'),
      endpoint: request.str('endpoint'),
      model: request.str('model'),
      tool: toolName === undefined ? undefined : `${provider ?? '?'}.${toolName}`,
      verdict: explainRecordingName(name, hashes),
      currentHash: hashes.current(),
      modelDigest: parseRecordingName(name)?.digest,
    };
  } catch {
    // Not JSON (or nested too deeply to read): validate reports what is wrong with it.
    return undefined;
  }
}

/**
 * Where each member of the root object starts (the last of duplicate keys, as json.loads keeps), found in one
 * pass that skips strings whole and builds nothing: the response, most of a recording's text, is only walked
 * over. Undefined when the text is not one object.
 */
export function rootMembers(text: string): Map<string, number> | undefined {
  let i = 0;
  const n = text.length;
  while (i < n && (text.charCodeAt(i) <= 0x20 || text.charCodeAt(i) === 0xfeff)) i++;
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  const members = new Map<string, number>();
  let depth = 0;
  let expectKey = true;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = skipString(text, i);
      if (depth === 1 && expectKey) {
        const raw = text.slice(i, end);
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        let j = end;
        while (j < n && text.charCodeAt(j) <= 0x20) j++;
        if (text.charCodeAt(j) !== 0x3a) return undefined;
        j++;
        while (j < n && text.charCodeAt(j) <= 0x20) j++;
        members.set(key, j);
        expectKey = false;
        i = j - 1;
        continue;
      }
      i = end - 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return text.slice(i + 1).trim() === '' ? members : undefined;
    } else if (c === 0x2c && depth === 1) expectKey = true;
  }
  return undefined;
}
