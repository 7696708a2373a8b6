// The list of exchanges of a YAML cassette (`interactions:`, `http_interactions:`): each item read by the
// format's reader, the list's own problems (absent, not a list, an item that is not a mapping) said once.
import type { JsonPath } from '../../diagnostic';
import type { Exchange } from '../types';
import { asMap, isTruncated, type CassetteReading } from './cassetteReading';
import { spanOf } from './yamlLocate';
import { mapGet, resolveAlias, type YamlMap, type YamlNode } from './yamlNodes';

export type ExchangeReader = (item: YamlMap, index: number, path: JsonPath) => Exchange;

export function readExchangeList(root: YamlMap, key: string, reading: CassetteReading, readItem: ExchangeReader): Exchange[] {
  const list = resolveAlias(mapGet(root, key));
  if (list?.kind !== 'seq') {
    if (!isTruncated(root) || list) {
      const what = list === undefined ? 'is missing' : list.kind === 'scalar' && list.js === null ? 'is empty (null)' : 'is not a list';
      reading.schemaProblem(`The cassette's \`${key}\` ${what}: the recorder reads its exchanges from that list.`, list, [key], undefined, root);
    }
    return [];
  }
  return list.items.map((node, index) => {
    const path = [key, index];
    const item = asMap(node);
    if (item) return readItem(item, index, path);
    reading.schemaProblem(`Exchange ${index + 1} is not a mapping of a request and a response.`, node, path, index);
    return { index, request: reading.missingRequest(node, [...path, 'request']), response: undefined, span: spanOf(node), path };
  });
}

/** The request or response mapping of an exchange, or a problem (not where a syntax error cut the exchange short). */
export function exchangePart(item: YamlMap, part: 'request' | 'response', index: number, path: JsonPath, reading: CassetteReading): YamlMap | undefined {
  const node: YamlNode | undefined = mapGet(item, part);
  const map = asMap(node);
  if (map) return map;
  if (node === undefined && isTruncated(item)) return undefined;
  const problem =
    node === undefined
      ? `Exchange ${index + 1} has no ${part}${part === 'response' ? ': replay cannot answer this request' : ''}.`
      : `The ${part} of exchange ${index + 1} is not a mapping.`;
  reading.schemaProblem(problem, node ?? item, node ? [...path, part] : path, index);
  return undefined;
}
