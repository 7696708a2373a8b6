// langchain partner packages' cassettes: the decompressed text of a `.yaml.gz` holding two parallel lists,
// `requests:` (vcrpy requests) and `responses:` (vcrpy responses); exchange i pairs their items i.
import type { Exchange } from './types';
import { asMap, isTruncated, type CassetteReading } from './yaml/cassetteReading';
import { spanOf } from './yaml/yamlLocate';
import { mapGet, resolveAlias, type YamlMap, type YamlSeq } from './yaml/yamlNodes';
import { readVcrpyRequest, readVcrpyResponse } from './vcrpy';

export function readVcrpyLangchain(root: YamlMap, reading: CassetteReading): Exchange[] {
  const requests = listOf(root, 'requests', reading);
  const responses = listOf(root, 'responses', reading);
  const exchanges: Exchange[] = [];
  requests?.items.forEach((node, index) => {
    const path = ['requests', index];
    const request = asMap(node);
    if (!request) reading.schemaProblem(`Request ${index + 1} is not a mapping.`, node, path, index);
    const responseNode = responses?.items[index];
    const responsePath = ['responses', index];
    const response = asMap(responseNode);
    if (!response && responses && !(responseNode === undefined && isTruncated(responses))) {
      reading.schemaProblem(
        responseNode === undefined ? `Request ${index + 1} has no response in \`responses\`: replay cannot answer it.` : `Response ${index + 1} is not a mapping.`,
        responseNode ?? node,
        responseNode ? responsePath : path,
        index,
      );
    }
    exchanges.push({
      index,
      request: request ? readVcrpyRequest(request, path, index, reading) : reading.missingRequest(node, path),
      response: response ? readVcrpyResponse(response, responsePath, index, reading) : undefined,
      span: spanOf(node),
      path,
    });
  });
  const extra = responses && requests ? responses.items.slice(requests.items.length) : [];
  extra.forEach((node, k) => {
    const index = (requests?.items.length ?? 0) + k;
    if (!isTruncated(requests)) reading.schemaProblem(`Response ${index + 1} has no request in \`requests\`.`, node, ['responses', index]);
  });
  return exchanges;
}

function listOf(root: YamlMap, key: 'requests' | 'responses', reading: CassetteReading): YamlSeq | undefined {
  const list = resolveAlias(mapGet(root, key));
  if (list?.kind === 'seq') return list;
  if (list !== undefined || !isTruncated(root)) {
    reading.schemaProblem(`The cassette's \`${key}\` ${list === undefined ? 'is missing' : 'is not a list'}.`, list, [key], undefined, root);
  }
  return undefined;
}
