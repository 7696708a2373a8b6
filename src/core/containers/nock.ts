// nock's recorder output (Node), as nock.define and nock back read it: a JSON list of
// `{scope, method, path, body, status, response, rawHeaders, reqheaders, responseIsBinary}`. The URL is
// `scope` + `path`. `response` is the body: a JSON value, a string, hex when `responseIsBinary`, and a
// list of hex chunks (or one hex string) when the response headers name a Content-Encoding.
import type { Header, StoredBody } from './types';
import type { JsonPath } from '../diagnostic';
import { asRecord, type JsonRecord } from '../values';
import { jsonBody, NO_BODY, textBody } from './json/jsonBodies';
import { headerNamed, headersOfFlatList, headersOfObject } from './json/jsonHeaders';
import type { JsonSources } from './json/jsonSources';
import { describeValue, SchemaProblems } from './json/schemaProblems';
import { exchange, missingRequest, recordedRequest, recordedResponse, type ContainerRead } from './json/exchangeParts';
import type { TextSource } from './types';

/**
 * A list of definitions, one of which has nock's own members: a `scope` beside a `method` or `path`, or (when
 * the scope was lost) `rawHeaders`, `reqheaders` or `responseIsBinary` beside both. One broken definition
 * does not hide the file.
 */
export function looksLikeNock(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.some((item) => {
    const d = asRecord(item);
    if (!d) return false;
    if (typeof d['scope'] === 'string') return 'method' in d || 'path' in d;
    return 'method' in d && 'path' in d && ('rawHeaders' in d || 'reqheaders' in d || 'responseIsBinary' in d);
  });
}

export function readNock(definitions: readonly unknown[], sources: JsonSources): ContainerRead {
  const problems = new SchemaProblems(sources);
  const exchanges = definitions.map((item, i) => {
    const path: JsonPath = [i];
    const d = asRecord(item);
    if (!d) {
      problems.add(`Definition ${i + 1} is ${describeValue(item)}, not a recorded request and response.`, path, i);
      return exchange(sources, i, path, missingRequest(sources, path), undefined);
    }
    const where = `Definition ${i + 1}`;
    const scope = problems.requireString(d, 'scope', path, where, i);
    const method = problems.requireString(d, 'method', path, where, i) ?? '';
    const urlPath = problems.requireString(d, 'path', path, where, i);
    const request = recordedRequest(sources, path, {
      method,
      url: (scope ?? '') + (urlPath ?? ''),
      headers: headersOfObject(sources, d['reqheaders'], [...path, 'reqheaders']),
      body: requestBody(d['body'], [...path, 'body'], sources),
      urlSource: scope !== undefined && urlPath !== undefined ? urlSourceOf(sources, path, scope.length) : undefined,
    });
    const headers = responseHeaders(d, path, sources);
    const response = recordedResponse(sources, path, {
      status: nockStatus(d, path, problems, i),
      headers,
      body: responseBody(d, headers, [...path, 'response'], sources),
    });
    return exchange(sources, i, path, request, response);
  });
  return { exchanges, diagnostics: problems.diagnostics };
}

/** `status`, or the old definitions' `reply` (a status as a numeric string). */
function nockStatus(d: JsonRecord, path: JsonPath, problems: SchemaProblems, i: number): number | null {
  if (!('status' in d) && 'reply' in d) {
    const reply = d['reply'];
    const n = typeof reply === 'number' ? reply : typeof reply === 'string' && /^\d+$/.test(reply.trim()) ? Number(reply) : NaN;
    if (Number.isInteger(n)) return n;
    problems.add(`Definition ${i + 1}: "reply" is ${describeValue(reply)}; nock reads it as the numeric status.`, [...path, 'reply'], i);
    return null;
  }
  return problems.requireStatus(d, 'status', path, `Definition ${i + 1}`, i);
}

function responseHeaders(d: JsonRecord, path: JsonPath, sources: JsonSources): Header[] {
  const raw = d['rawHeaders'];
  if (Array.isArray(raw)) return headersOfFlatList(sources, raw, [...path, 'rawHeaders']);
  if (asRecord(raw)) return headersOfObject(sources, raw, [...path, 'rawHeaders']);
  return headersOfObject(sources, d['headers'], [...path, 'headers']);
}

function requestBody(v: unknown, path: JsonPath, sources: JsonSources): StoredBody {
  if (v === undefined || v === null || v === '') return NO_BODY;
  return typeof v === 'string' ? textBody(sources, v, path) : jsonBody(sources, v, path);
}

function responseBody(d: JsonRecord, headers: readonly Header[], path: JsonPath, sources: JsonSources): StoredBody {
  const v = d['response'];
  if (v === undefined || v === null || v === '') return NO_BODY;
  // nock replays a content-encoded response chunk by chunk, each chunk's bytes written as hex.
  const encoded = (headerNamed(headers, 'content-encoding') ?? '') !== '';
  if (encoded && Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string')) {
    const chunks = v as string[];
    return { kind: 'hex', text: chunks.join(''), source: sources.joinedSource(path, chunks) };
  }
  if (typeof v === 'string') return d['responseIsBinary'] === true || encoded ? { kind: 'hex', text: v, source: sources.stringSource(path) } : textBody(sources, v, path);
  return jsonBody(sources, v, path);
}

/** Where the URL is written: index i of `scope + path` maps into `scope` or into `path`. */
function urlSourceOf(sources: JsonSources, path: JsonPath, scopeLength: number): TextSource {
  const scope = sources.stringSource([...path, 'scope']);
  const urlPath = sources.stringSource([...path, 'path']);
  return {
    path: [...path, 'path'],
    get span() {
      return urlPath.span;
    },
    offsetAt: (index: number) => (index < scopeLength ? (scope.offsetAt?.(index) ?? scope.span.start) : (urlPath.offsetAt?.(index - scopeLength) ?? urlPath.span.start)),
  };
}
