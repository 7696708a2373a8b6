// What the suite-level checks need from one OGX recording, read without analysing the whole file: its test,
// its request (method, URL, endpoint, model), the hash today's recorder computes and what its name says.
import type { Span } from '../diagnostic';
import { explainRecordingName, parseRecordingName, RuleHashes, type NameVerdict, type RequestKind } from '../ogx/recordingName';
import { jsonMember, memberOffset } from '../ogx/pythonJsonParse';
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
  if (!/^[\s\ufeff]*\{/.test(text.slice(0, 256))) return undefined;
  try {
    const requestAt = memberOffset(text, ['request']);
    if (requestAt === undefined) return undefined;
    const request = readRequest(text, requestAt);
    if (request === undefined || !request.has('method') && !request.has('tool_name') && !request.has('provider')) return undefined;
    const testMember = jsonMember(text, ['test_id']);
    const testValue = testMember?.value;
    const testId = testValue === undefined ? undefined : testValue.kind === 'str' ? testValue.value : null;
    const testIdAt = testMember === undefined ? undefined : memberOffset(text, ['test_id']);
    const hashes = new RuleHashes(request, testId);
    const name = recordedFileName(path);
    const provider = request.str('provider');
    const toolName = request.str('tool_name');
    return {
      path,
      testId,
      testIdSpan: testIdAt === undefined || testMember === undefined ? undefined : { start: testIdAt, end: testIdAt + testMember.text.length },
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
