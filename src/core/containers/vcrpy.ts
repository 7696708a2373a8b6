// vcrpy cassettes (vcrpy, pytest-recording, pytest-vcr, pydantic-ai's serializer): `interactions: [{request:
// {body, headers, method, uri}, response: {body: {string}, headers, status: {code, message}}}]`, `version: 1`.
// Also read: pydantic-ai's `parsed_body` on either side, old httpx cassettes' `status_code` and `content`,
// vcrpy's JSON serializer (the same tree written as JSON), and the oldest cassettes' host/port/path requests.
import type { JsonPath } from '../diagnostic';
import type { Exchange, RecordedRequest, RecordedResponse, StoredBody } from './types';
import type { CassetteReading } from './yaml/cassetteReading';
import { exchangePart, readExchangeList } from './yaml/exchangeList';
import { spanOf } from './yaml/yamlLocate';
import { mapGet, mapPair, resolveAlias, type YamlMap } from './yaml/yamlNodes';

export function readVcrpy(root: YamlMap, reading: CassetteReading): Exchange[] {
  return readExchangeList(root, 'interactions', reading, (item, index, path) => {
    const request = exchangePart(item, 'request', index, path, reading);
    const response = exchangePart(item, 'response', index, path, reading);
    return {
      index,
      request: request ? readVcrpyRequest(request, [...path, 'request'], index, reading) : reading.missingRequest(item, [...path, 'request']),
      response: response ? readVcrpyResponse(response, [...path, 'response'], index, reading) : undefined,
      span: spanOf(item),
      path,
    };
  });
}

/** A vcrpy request mapping (also langchain's `requests:` items). */
export function readVcrpyRequest(node: YamlMap, path: JsonPath, index: number, reading: CassetteReading): RecordedRequest {
  return reading.request(node, path, index, ['uri', 'url'], vcrpyBody(node, path, reading, 'body'), () => oldStyleUrl(node, reading));
}

/** A vcrpy response mapping (also langchain's `responses:` items). */
export function readVcrpyResponse(node: YamlMap, path: JsonPath, index: number, reading: CassetteReading): RecordedResponse {
  let status: number | null = null;
  let statusMessage: string | undefined;
  const statusNode = resolveAlias(mapGet(node, 'status'));
  if (statusNode?.kind === 'map') {
    const code = mapGet(statusNode, 'code');
    if (code === undefined) {
      if (!statusNode.truncated) reading.schemaProblem(`The response status of exchange ${index + 1} has no code.`, statusNode, [...path, 'status'], index);
    } else status = reading.statusCode(code, [...path, 'status', 'code'], index);
    statusMessage = reading.text(mapGet(statusNode, 'message'));
  } else if (statusNode) status = reading.statusCode(statusNode, [...path, 'status'], index);
  else if (mapGet(node, 'status_code') !== undefined) status = reading.statusCode(mapGet(node, 'status_code'), [...path, 'status_code'], index);
  else if (!node.truncated) reading.schemaProblem(`The response of exchange ${index + 1} has no status.`, node, path, index);
  // Old httpx cassettes keep the body text in `content` (base64 when they say `base64encoded`).
  const content = mapGet(node, 'content');
  let body = vcrpyBody(node, path, reading, mapGet(node, 'body') === undefined && content !== undefined ? 'content' : 'body');
  if (body.kind === 'text' && mapGet(node, 'body') === undefined && resolveAlias(mapGet(node, 'base64encoded'))?.js === true) {
    body = { kind: 'base64', text: body.text, source: body.source };
  }
  return { status, statusMessage, headers: reading.headers(mapGet(node, 'headers'), [...path, 'headers']), body, span: spanOf(node), path };
}

/** `parsed_body` (pydantic-ai: the JSON body as a YAML tree) wins over the stored text. */
function vcrpyBody(node: YamlMap, path: JsonPath, reading: CassetteReading, key: 'body' | 'content'): StoredBody {
  const parsed = mapPair(node, 'parsed_body');
  if (parsed) {
    const value = resolveAlias(parsed.value);
    if (value && !(value.kind === 'scalar' && value.js === null)) return reading.jsonBody(value, [...path, 'parsed_body']);
  }
  return reading.body(mapGet(node, key), [...path, key]);
}

/** vcrpy before 1.0 wrote `host`, `port`, `path` and `protocol` instead of `uri`. */
function oldStyleUrl(node: YamlMap, reading: CassetteReading): string | undefined {
  const host = reading.text(mapGet(node, 'host'));
  const path = reading.text(mapGet(node, 'path'));
  if (host === undefined || path === undefined) return undefined;
  const protocol = reading.text(mapGet(node, 'protocol')) ?? 'http';
  const port = reading.text(mapGet(node, 'port'));
  const defaultPort = (protocol === 'https' && port === '443') || (protocol === 'http' && port === '80');
  return `${protocol}://${host}${port && !defaultPort ? `:${port}` : ''}${path}`;
}
