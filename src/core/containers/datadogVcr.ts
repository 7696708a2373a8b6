// Datadog's test agent cassettes (dd-apm-test-agent's VCR proxy, used by dd-trace-py and dd-trace-js): one
// exchange per file, `{"request": {method, url, headers, body}, "response": {status: {code, message}, headers, body}}`.
// Bodies are strings; bytes that are not UTF-8 (or hold NUL) are written as "base64:" and their base64.
import type { StoredBody } from './types';
import type { JsonPath } from '../diagnostic';
import { asRecord, type JsonRecord } from '../values';
import { jsonBody, NO_BODY, textBody } from './json/jsonBodies';
import { headersOfObject } from './json/jsonHeaders';
import type { JsonSources } from './json/jsonSources';
import { describeValue, SchemaProblems } from './json/schemaProblems';
import { exchange, missingRequest, recordedRequest, recordedResponse, type ContainerRead } from './json/exchangeParts';

const BASE64_PREFIX = 'base64:';

/**
 * Request/response like an OGX recording, but none of OGX's own members (those recordings are read elsewhere):
 * the response has the agent's `status` or `headers`, or, when the response is missing, the request its `url`
 * or `method`.
 */
export function looksLikeDatadogVcr(root: JsonRecord): boolean {
  const request = asRecord(root['request']);
  const response = asRecord(root['response']);
  if (!request && !response) return false;
  if ('test_id' in root || 'id_normalization_mapping' in root) return false;
  if (request && ('endpoint' in request || 'tool_name' in request)) return false;
  if (response && ('is_streaming' in response || 'is_exception' in response)) return false;
  if (response) return 'status' in response || 'headers' in response;
  return request !== undefined && ('url' in request || 'method' in request);
}

export function readDatadogVcr(root: JsonRecord, sources: JsonSources): ContainerRead {
  const problems = new SchemaProblems(sources);
  const requestValue = root['request'];
  const request = asRecord(requestValue);
  let recorded = missingRequest(sources, ['request']);
  if (!request) {
    problems.add(requestValue === undefined ? 'The cassette has no "request": the test agent cannot match it to any call.' : `"request" is ${describeValue(requestValue)}, not an object.`, ['request'], 0);
  } else {
    const path: JsonPath = ['request'];
    recorded = recordedRequest(sources, path, {
      method: problems.requireString(request, 'method', path, 'The request', 0) ?? '',
      url: problems.requireString(request, 'url', path, 'The request', 0) ?? '',
      headers: headersOfObject(sources, request['headers'], [...path, 'headers']),
      body: datadogBody(request['body'], [...path, 'body'], sources),
      urlSource: typeof request['url'] === 'string' ? sources.stringSource([...path, 'url']) : undefined,
    });
  }
  const responseValue = root['response'];
  const response = asRecord(responseValue);
  if (!response) {
    problems.add(responseValue === undefined ? 'The cassette has no "response": replay has nothing to answer with.' : `"response" is ${describeValue(responseValue)}, not an object.`, ['response'], 0);
    return { exchanges: [exchange(sources, 0, [], recorded, undefined)], diagnostics: problems.diagnostics };
  }
  const path: JsonPath = ['response'];
  const { status, statusMessage } = datadogStatus(response, problems);
  const answer = recordedResponse(sources, path, {
    status,
    statusMessage,
    headers: headersOfObject(sources, response['headers'], [...path, 'headers']),
    body: datadogBody(response['body'], [...path, 'body'], sources),
  });
  return { exchanges: [exchange(sources, 0, [], recorded, answer)], diagnostics: problems.diagnostics };
}

function datadogStatus(response: JsonRecord, problems: SchemaProblems): { status: number | null; statusMessage: string | undefined } {
  const v = response['status'];
  const path: JsonPath = ['response', 'status'];
  const status = asRecord(v);
  if (status) {
    const message = status['message'];
    return { status: problems.requireStatus(status, 'code', path, 'The response status', 0), statusMessage: typeof message === 'string' ? message : undefined };
  }
  if (v === undefined) problems.add('The response has no "status": replay needs the HTTP status to answer with.', path, 0);
  else problems.add(`The response "status" is ${describeValue(v)}; the test agent reads it as {"code": …, "message": …}.`, path, 0);
  // A bare number still says which status was meant.
  return { status: typeof v === 'number' && Number.isInteger(v) ? v : null, statusMessage: undefined };
}

function datadogBody(v: unknown, path: JsonPath, sources: JsonSources): StoredBody {
  // The agent writes "" for no body; it never writes another type, but a JSON value still reads as one.
  if (v === undefined || v === null || v === '') return NO_BODY;
  if (typeof v !== 'string') return jsonBody(sources, v, path);
  if (v.startsWith(BASE64_PREFIX)) return { kind: 'base64', text: v.slice(BASE64_PREFIX.length), source: sources.stringSource(path, BASE64_PREFIX.length) };
  return textBody(sources, v, path);
}
