// HAR 1.2 archives (Polly.JS recordings, browser and proxy exports): `log.entries[]`, each a request with
// `postData` and a response with `content`. Polly stores a body that was gzip (or any bytes) as
// `encoding: "base64"` with `text` a JSON list of base64 chunks, one per chunk the server sent.
import type { StoredBody } from './types';
import type { JsonPath } from '../diagnostic';
import { asArray, asRecord, type JsonRecord } from '../values';
import { NO_BODY, textBody } from './json/jsonBodies';
import { headersOfPairs } from './json/jsonHeaders';
import type { JsonSources } from './json/jsonSources';
import { describeValue, SchemaProblems } from './json/schemaProblems';
import { exchange, missingRequest, recordedRequest, recordedResponse, type ContainerRead } from './json/exchangeParts';

export function looksLikeHar(root: JsonRecord): boolean {
  const log = asRecord(root['log']);
  return log !== undefined && ('entries' in log || ('version' in log && 'creator' in log));
}

export function readHar(root: JsonRecord, sources: JsonSources): ContainerRead {
  const problems = new SchemaProblems(sources);
  const log = asRecord(root['log']) ?? {};
  const entries = asArray(log['entries']);
  if (!entries) {
    problems.add(`"log.entries" is ${describeValue(log['entries'])}: a HAR file lists its requests there.`, ['log', 'entries']);
    return { exchanges: [], diagnostics: problems.diagnostics };
  }
  const exchanges = entries.map((item, i) => {
    const path: JsonPath = ['log', 'entries', i];
    const entry = asRecord(item);
    if (!entry) {
      problems.add(`Entry ${i + 1} is ${describeValue(item)}, not a request and its response.`, path, i);
      return exchange(sources, i, path, missingRequest(sources, path), undefined);
    }
    const started = entry['startedDateTime'];
    const recordedAt = typeof started === 'string' ? started : undefined;
    const requestPath: JsonPath = [...path, 'request'];
    const request = asRecord(entry['request']);
    let recorded = missingRequest(sources, requestPath);
    if (!request) problems.add(entry['request'] === undefined ? `Entry ${i + 1} has no "request".` : `Entry ${i + 1}: "request" is ${describeValue(entry['request'])}, not an object.`, requestPath, i);
    else {
      const where = `The request of entry ${i + 1}`;
      recorded = recordedRequest(sources, requestPath, {
        method: problems.requireString(request, 'method', requestPath, where, i) ?? '',
        url: problems.requireString(request, 'url', requestPath, where, i) ?? '',
        headers: headersOfPairs(sources, request['headers'], [...requestPath, 'headers']),
        body: harBody(asRecord(request['postData']), [...requestPath, 'postData'], sources),
        urlSource: typeof request['url'] === 'string' ? sources.stringSource([...requestPath, 'url']) : undefined,
      });
    }
    const responsePath: JsonPath = [...path, 'response'];
    const response = asRecord(entry['response']);
    if (!response) {
      problems.add(entry['response'] === undefined ? `Entry ${i + 1} has no "response": replay has nothing to answer with.` : `Entry ${i + 1}: "response" is ${describeValue(entry['response'])}, not an object.`, responsePath, i);
      return exchange(sources, i, path, recorded, undefined, recordedAt);
    }
    const statusText = response['statusText'];
    const answer = recordedResponse(sources, responsePath, {
      status: problems.requireStatus(response, 'status', responsePath, `The response of entry ${i + 1}`, i),
      statusMessage: typeof statusText === 'string' ? statusText : undefined,
      headers: headersOfPairs(sources, response['headers'], [...responsePath, 'headers']),
      body: harBody(asRecord(response['content']), [...responsePath, 'content'], sources),
    });
    return exchange(sources, i, path, recorded, answer, recordedAt);
  });
  return { exchanges, diagnostics: problems.diagnostics };
}

/** `postData` or `content`: `text` as written, or base64 (Polly: a JSON list of base64 chunks) with `encoding: "base64"`. */
function harBody(holder: JsonRecord | undefined, path: JsonPath, sources: JsonSources): StoredBody {
  const text = holder?.['text'];
  if (typeof text !== 'string' || text === '') return NO_BODY;
  const at: JsonPath = [...path, 'text'];
  if (holder?.['encoding'] !== 'base64') return textBody(sources, text, at);
  const chunks = base64Chunks(text);
  return chunks ? { kind: 'base64-chunks', chunks, source: sources.stringSource(at) } : { kind: 'base64', text, source: sources.stringSource(at) };
}

/** Polly's chunk list, told from plain base64 by parsing it: base64 never starts with `[`. */
function base64Chunks(text: string): string[] | undefined {
  if (!text.trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((c) => typeof c === 'string')) return parsed as string[];
  } catch {
    // Not a chunk list: read as base64 (the bodies layer says it does not decode).
  }
  return undefined;
}
