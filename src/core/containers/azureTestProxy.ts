// The Azure SDK test proxy's recordings (openai-dotnet and the Azure SDKs): `{"Entries": [...], "Variables": {}}`,
// each entry a request and its response side by side. Bodies are stored as the proxy's RecordEntry writes
// them: a JSON object as the value itself, text with line breaks as a list of lines, other text as a
// string, and anything that is not text (by its Content-Type) as base64.
import type { Header, StoredBody } from './types';
import type { JsonPath } from '../diagnostic';
import { asArray, asRecord, type JsonRecord } from '../values';
import { jsonBody, NO_BODY, textBody } from './json/jsonBodies';
import { headersOfObject } from './json/jsonHeaders';
import type { JsonSources } from './json/jsonSources';
import { describeValue, SchemaProblems } from './json/schemaProblems';
import { exchange, missingRequest, recordedRequest, recordedResponse, type ContainerRead } from './json/exchangeParts';

/** `Entries` beside `Variables` (a recording with no requests is `{"Entries": [], "Variables": {}}`), or entries that are the proxy's. */
export function looksLikeAzureTestProxy(root: JsonRecord): boolean {
  if ('Entries' in root && 'Variables' in root) return true;
  const entries = asArray(root['Entries']);
  return entries !== undefined && entries.some((e) => {
    const entry = asRecord(e);
    return entry !== undefined && ('RequestUri' in entry || 'RequestMethod' in entry);
  });
}

/**
 * The proxy's own test (ContentTypeUtilities.TryGetTextEncoding): a body is text when its only Content-Type
 * says charset=utf-8, is text/*, ends in json, xml or -urlencoded; anything else was stored as base64.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const ct = contentType.toLowerCase();
  const charset = ct.indexOf('; charset=');
  if (charset !== -1 && ct.startsWith('utf-8', charset + '; charset='.length)) return true;
  return ct.startsWith('text/') || ct.endsWith('json') || ct.endsWith('xml') || ct.endsWith('-urlencoded') || ct.startsWith('application/json') || ct.startsWith('application/x-www-form-urlencoded');
}

/** The proxy reads Content-Type only when the header has exactly one value. */
function singleContentType(record: JsonRecord | undefined): string | undefined {
  if (!record) return undefined;
  for (const name of Object.keys(record)) {
    if (name.toLowerCase() !== 'content-type') continue;
    const v = record[name];
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return v[0];
    return undefined;
  }
  return undefined;
}

export function readAzureTestProxy(root: JsonRecord, sources: JsonSources): ContainerRead {
  const problems = new SchemaProblems(sources);
  const entries = asArray(root['Entries']);
  if (!entries) {
    problems.add(`"Entries" is ${describeValue(root['Entries'])}: the test proxy expects the list of recorded requests there.`, ['Entries']);
    return { exchanges: [], diagnostics: problems.diagnostics };
  }
  const exchanges = entries.map((item, i) => {
    const path: JsonPath = ['Entries', i];
    const entry = asRecord(item);
    if (!entry) {
      problems.add(`Entry ${i + 1} is ${describeValue(item)}, not a recorded request and response.`, path, i);
      return exchange(sources, i, path, missingRequest(sources, path), undefined);
    }
    const where = `Entry ${i + 1}`;
    const method = problems.requireString(entry, 'RequestMethod', path, where, i) ?? '';
    const url = problems.requireString(entry, 'RequestUri', path, where, i) ?? '';
    const requestHeaders = headersAt(entry, 'RequestHeaders', path, sources, problems, i);
    const request = recordedRequest(sources, path, {
      method,
      url,
      headers: requestHeaders,
      body: azureBody(entry, 'RequestBody', path, sources, problems, i),
      urlSource: typeof entry['RequestUri'] === 'string' ? sources.stringSource([...path, 'RequestUri']) : undefined,
    });
    if (!('StatusCode' in entry) && !('ResponseHeaders' in entry) && !('ResponseBody' in entry)) {
      problems.add(`${where} records no response (no "StatusCode", "ResponseHeaders" or "ResponseBody"): replay has nothing to answer with.`, path, i);
      return exchange(sources, i, path, request, undefined);
    }
    const response = recordedResponse(sources, path, {
      status: problems.requireStatus(entry, 'StatusCode', path, where, i),
      headers: headersAt(entry, 'ResponseHeaders', path, sources, problems, i),
      body: azureBody(entry, 'ResponseBody', path, sources, problems, i),
    });
    return exchange(sources, i, path, request, response);
  });
  return { exchanges, diagnostics: problems.diagnostics };
}

function headersAt(entry: JsonRecord, key: string, path: JsonPath, sources: JsonSources, problems: SchemaProblems, i: number): Header[] {
  const v = entry[key];
  if (v !== undefined && !asRecord(v)) problems.add(`Entry ${i + 1}: "${key}" is ${describeValue(v)}, not an object of header names and values.`, [...path, key], i);
  return headersOfObject(sources, v, [...path, key]);
}

function azureBody(entry: JsonRecord, key: 'RequestBody' | 'ResponseBody', path: JsonPath, sources: JsonSources, problems: SchemaProblems, i: number): StoredBody {
  const v = entry[key];
  const at: JsonPath = [...path, key];
  // null is no body, `[]` (or "") an empty one: neither holds anything to show.
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return NO_BODY;
  if (Array.isArray(v)) {
    // Text with line breaks, one string per line (each keeps its line break).
    const lines: string[] = [];
    const sourcesOfLines = v.map((line: unknown, k) => {
      if (typeof line !== 'string') {
        problems.add(`Entry ${i + 1}: line ${k + 1} of "${key}" is ${describeValue(line)}, not a string.`, [...at, k], i);
        lines.push('');
        return sources.source([...at, k]);
      }
      lines.push(line);
      return sources.stringSource([...at, k]);
    });
    return { kind: 'lines', lines, sources: sourcesOfLines, source: sources.source(at) };
  }
  if (typeof v === 'string') {
    const side = key === 'RequestBody' ? 'RequestHeaders' : 'ResponseHeaders';
    return isTextContentType(singleContentType(asRecord(entry[side]))) ? textBody(sources, v, at) : { kind: 'base64', text: v, source: sources.stringSource(at) };
  }
  return jsonBody(sources, v, at);
}
