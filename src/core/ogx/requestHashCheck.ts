// The `request-hash-mismatch` hint: recomputes the recorder's hash of the request from its exact
// source text and compares it with the file name under the recorder's rules of today and before (recordingName.ts).
import { makeDiagnostic, type FixtureDiagnostic } from '../diagnostic';
import type { JsonLocator } from '../jsonLocate';
import { skipString } from '../jsonScan';
import { jsonMember, memberOffset } from './pythonJsonParse';
import { explainRecordingName, describeNameVerdict, parseRecordingName, RuleHashes, type NameVerdict } from './recordingName';
import { checkDigest, recordedFileName } from './requestHash';
import { requestFromValue } from './requestFromValue';
import { readRequest } from './requestMembers';
import { asString, type JsonRecord } from '../values';

export function checkRequestHash(text: string, fileName: string, root: JsonRecord, locator: JsonLocator, noDuplicateKeys = false): FixtureDiagnostic | undefined {
  const name = recordedFileName(fileName);
  if (!/^(models-)?[0-9a-f]{12}/.test(name)) return undefined;
  let verdict: NameVerdict;
  let digest: ReturnType<typeof checkDigest>;
  let requestAt: number;
  try {
    // The hash depends on the request's exact literals, so it is read from the text (once), not from the parsed value.
    const at = memberOffset(text, ['request'], { firstMatch: noDuplicateKeys });
    if (at === undefined) return undefined;
    requestAt = at;
    // With no duplicate key the text is strict JSON and root.request is the value at `at`: dumping that value
    // skips reading the request's text a second time, unless a literal in it would not survive (see requestFromValue).
    const request = (noDuplicateKeys ? requestFromValue(text, at, root['request']) : undefined) ?? readRequest(text, at);
    const testId = asString(root['test_id']) ?? (root['test_id'] === null ? null : undefined);
    verdict = explainRecordingName(name, new RuleHashes(request, testId));
    const digestFound = parseRecordingName(name)?.digest;
    const body = digestFound === undefined ? undefined : jsonMember(text, ['response', 'body'], { firstMatch: noDuplicateKeys });
    digest = digestFound === undefined || body === undefined ? undefined : checkDigest(digestFound, () => request, { responseBody: () => body.value });
  } catch {
    // A request too deeply nested for the hash parser cannot be checked; other diagnostics cover it.
    return undefined;
  }
  // The request's own extent, found by walking just the request: a structural scan of the whole text (the locator's)
  // would cost as much as the response is long, and every file named by older rules gets this hint.
  const span = (): { start: number; end: number } => {
    const end = valueEnd(text, requestAt);
    return end === undefined ? (locator.locate(['request'])?.span ?? { start: 0, end: 0 }) : { start: requestAt, end };
  };
  const why = describeNameVerdict(verdict, asString(root['test_id']) ?? null);
  if (why !== undefined) return makeDiagnostic('request-hash-mismatch', why, span(), ['request']);
  if (digest && !digest.matches) {
    return makeDiagnostic('request-hash-mismatch', `The file name's digest ${digest.found} does not match the model ids in the response (expected ${digest.expected[0] ?? '?'}).`, span(), ['request']);
  }
  return undefined;
}

/** Where the object or array starting at `at` ends (just past its closing bracket), strings skipped whole; undefined if it never closes. */
function valueEnd(text: string, at: number): number | undefined {
  const open = text.charCodeAt(at);
  if (open !== 0x7b && open !== 0x5b) return undefined;
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = skipString(text, i) - 1;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
  }
  return undefined;
}
