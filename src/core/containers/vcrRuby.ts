// Ruby VCR and R's vcr cassettes: `http_interactions: [{request: {method, uri, body: {encoding, string},
// headers}, response: {status: {code, message}, headers, body}, recorded_at}]`, `recorded_with`. Binary
// bodies are `!binary` (Psych's one-`!` tag) or `base64_string`; R writes `status: 200` and flat header maps.
import type { JsonPath } from '../diagnostic';
import type { Exchange, RecordedRequest, RecordedResponse } from './types';
import type { CassetteReading } from './yaml/cassetteReading';
import { exchangePart, readExchangeList } from './yaml/exchangeList';
import { spanOf } from './yaml/yamlLocate';
import { mapGet, resolveAlias, type YamlMap } from './yaml/yamlNodes';

/** R's vcr signs `recorded_with: VCR-vcr/2.1.0` (older: `vcr/0.6.0, webmockr/0.8.0`); Ruby's says `VCR 6.3.1`. */
export function isRVcrSignature(recordedWith: string): boolean {
  return /VCR-vcr|(^|[\s,])vcr\/|webmockr/i.test(recordedWith);
}

/** Without `recorded_with` (a cut file): R's shape is a bare integer status or a flat header map. */
export function looksLikeRVcr(root: YamlMap): boolean {
  const list = resolveAlias(mapGet(root, 'http_interactions'));
  if (list?.kind !== 'seq') return false;
  return list.items.some((node) => {
    const item = resolveAlias(node);
    const response = item?.kind === 'map' ? resolveAlias(mapGet(item, 'response')) : undefined;
    if (response?.kind !== 'map') return false;
    if (resolveAlias(mapGet(response, 'status'))?.kind === 'scalar') return true;
    const headers = resolveAlias(mapGet(response, 'headers'));
    return headers?.kind === 'map' && headers.pairs.some((p) => resolveAlias(p.value)?.kind === 'scalar');
  });
}

export function readVcrRuby(root: YamlMap, reading: CassetteReading): Exchange[] {
  return readExchangeList(root, 'http_interactions', reading, (item, index, path) => {
    const request = exchangePart(item, 'request', index, path, reading);
    const response = exchangePart(item, 'response', index, path, reading);
    return {
      index,
      request: request ? readRequest(request, [...path, 'request'], index, reading) : reading.missingRequest(item, [...path, 'request']),
      response: response ? readResponse(response, [...path, 'response'], index, reading) : undefined,
      span: spanOf(item),
      path,
      recordedAt: reading.text(mapGet(item, 'recorded_at')),
    };
  });
}

function readRequest(node: YamlMap, path: JsonPath, index: number, reading: CassetteReading): RecordedRequest {
  return reading.request(node, path, index, ['uri'], reading.body(mapGet(node, 'body'), [...path, 'body']));
}

function readResponse(node: YamlMap, path: JsonPath, index: number, reading: CassetteReading): RecordedResponse {
  let status: number | null = null;
  let statusMessage: string | undefined;
  const statusNode = resolveAlias(mapGet(node, 'status'));
  if (statusNode?.kind === 'map') {
    // Ruby: {code, message}; R before 1.0: {status_code: '200', message, explanation}.
    const key = mapGet(statusNode, 'code') !== undefined ? 'code' : mapGet(statusNode, 'status_code') !== undefined ? 'status_code' : undefined;
    if (key) status = reading.statusCode(mapGet(statusNode, key), [...path, 'status', key], index, key === 'status_code' ? 'digits' : 'integer');
    else if (!statusNode.truncated) reading.schemaProblem(`The response status of exchange ${index + 1} has no code.`, statusNode, [...path, 'status'], index);
    statusMessage = reading.text(mapGet(statusNode, 'message'));
  } else if (statusNode) status = reading.statusCode(statusNode, [...path, 'status'], index);
  else if (!node.truncated) reading.schemaProblem(`The response of exchange ${index + 1} has no status.`, node, path, index);
  return { status, statusMessage, headers: reading.headers(mapGet(node, 'headers'), [...path, 'headers']), body: reading.body(mapGet(node, 'body'), [...path, 'body']), span: spanOf(node), path };
}
