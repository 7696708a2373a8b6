// go-vcr cassettes (v2 and later write `version: 2`, v1 `version: 1`): `interactions: [{id, request: {proto,
// body, headers, url, method, form, ...}, response: {body, headers, status: "200 OK", code: 200, duration}}]`.
// `url`, not `uri`; bodies are plain strings (or `!!binary`).
import type { JsonPath } from '../diagnostic';
import type { Exchange, RecordedRequest, RecordedResponse } from './types';
import type { CassetteReading } from './yaml/cassetteReading';
import { exchangePart, readExchangeList } from './yaml/exchangeList';
import { spanOf } from './yaml/yamlLocate';
import { mapGet, resolveAlias, type YamlMap } from './yaml/yamlNodes';

/** go-vcr's shape in a `version: 1` file, where vcrpy's is the same at first sight: `url`, `code`, a status string. */
export function looksLikeGoVcrItems(root: YamlMap): boolean {
  const list = resolveAlias(mapGet(root, 'interactions'));
  if (list?.kind !== 'seq') return false;
  return list.items.some((node) => {
    const item = resolveAlias(node);
    if (item?.kind !== 'map') return false;
    const request = resolveAlias(mapGet(item, 'request'));
    const response = resolveAlias(mapGet(item, 'response'));
    if (request?.kind === 'map' && mapGet(request, 'url') !== undefined && mapGet(request, 'uri') === undefined) return true;
    if (response?.kind !== 'map') return false;
    const status = resolveAlias(mapGet(response, 'status'));
    return mapGet(response, 'code') !== undefined || mapGet(response, 'duration') !== undefined || (status?.kind === 'scalar' && typeof status.js === 'string');
  });
}

export function readGoVcr(root: YamlMap, reading: CassetteReading): Exchange[] {
  return readExchangeList(root, 'interactions', reading, (item, index, path) => {
    const request = exchangePart(item, 'request', index, path, reading);
    const response = exchangePart(item, 'response', index, path, reading);
    return {
      index,
      request: request ? readRequest(request, [...path, 'request'], index, reading) : reading.missingRequest(item, [...path, 'request']),
      response: response ? readResponse(response, [...path, 'response'], index, reading) : undefined,
      span: spanOf(item),
      path,
    };
  });
}

function readRequest(node: YamlMap, path: JsonPath, index: number, reading: CassetteReading): RecordedRequest {
  return reading.request(node, path, index, ['url'], reading.body(mapGet(node, 'body'), [...path, 'body']));
}

function readResponse(node: YamlMap, path: JsonPath, index: number, reading: CassetteReading): RecordedResponse {
  const codeNode = mapGet(node, 'code');
  const statusText = reading.text(mapGet(node, 'status'));
  let status: number | null = null;
  if (codeNode !== undefined) status = reading.statusCode(codeNode, [...path, 'code'], index);
  else if (mapGet(node, 'status') !== undefined) status = reading.statusCode(mapGet(node, 'status'), [...path, 'status'], index, 'status-line');
  else if (!node.truncated) reading.schemaProblem(`The response of exchange ${index + 1} has no code.`, node, path, index);
  // `status: 200 OK` carries the reason phrase after the code.
  const statusMessage = statusText !== undefined ? statusText.replace(/^\s*\d+\s*/, '') || undefined : undefined;
  return { status, statusMessage, headers: reading.headers(mapGet(node, 'headers'), [...path, 'headers']), body: reading.body(mapGet(node, 'body'), [...path, 'body']), span: spanOf(node), path };
}
