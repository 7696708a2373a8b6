// What every YAML cassette reader builds exchanges from: text sources of YAML nodes (with the offset map
// built only when asked for), headers, stored bodies, status codes and the container-schema problems.
import { makeDiagnostic, type FixtureDiagnostic, type JsonPath } from '../../diagnostic';
import type { Header, RecordedRequest, RecordedResponse, StoredBody, TextSource } from '../types';
import type { YamlDocument } from './parseYaml';
import { scalarOffsetMap } from './scalarOffsets';
import { locateInTree, spanOf } from './yamlLocate';
import { mapGet, resolveAlias, type YamlMap, type YamlNode } from './yamlNodes';

const NO_BODY: StoredBody = { kind: 'none' };

export class CassetteReading {
  readonly diagnostics: FixtureDiagnostic[] = [];

  constructor(readonly doc: YamlDocument) {}

  /** Where a node is written; for a scalar, the decoded character → offset map too (built on first use). */
  source(node: YamlNode, path: JsonPath): TextSource {
    const span = spanOf(node);
    const target = resolveAlias(node);
    if (target?.kind !== 'scalar' || target !== node) return { span, path };
    const text = this.doc.text;
    let map: ((index: number) => number) | undefined | null = null;
    return {
      span,
      path,
      get offsetAt() {
        if (map === null) map = scalarOffsetMap(text, target);
        return map;
      },
    };
  }

  schemaProblem(message: string, node: YamlNode | undefined, path: JsonPath, exchange?: number, fallback?: YamlNode): void {
    const at = node ?? fallback;
    const span = at ? spanOf(at) : { start: 0, end: 0 };
    this.diagnostics.push(makeDiagnostic('container-schema', message, span, path, undefined, exchange));
  }

  /** The text of a scalar (a plain `200` as written), undefined for null, a collection or nothing. */
  text(node: YamlNode | undefined): string | undefined {
    const n = resolveAlias(node);
    if (n?.kind !== 'scalar' || n.js === null) return undefined;
    return typeof n.js === 'string' ? n.js : n.value;
  }

  /** `{name: [values]}` (one header per value) or a flat `{name: value}` map, in the order written. */
  headers(node: YamlNode | undefined, path: JsonPath): Header[] {
    const map = resolveAlias(node);
    if (map?.kind !== 'map') return [];
    const headers: Header[] = [];
    for (const pair of map.pairs) {
      const value = resolveAlias(pair.value);
      if (value?.kind === 'seq') {
        value.items.forEach((item, i) => {
          const v = this.text(item);
          if (v !== undefined) headers.push({ name: pair.name, value: v, source: this.source(item, [...path, pair.name, i]) });
        });
      } else {
        const v = this.text(pair.value);
        if (v !== undefined) headers.push({ name: pair.name, value: v, source: this.source(pair.value, [...path, pair.name]) });
      }
    }
    return headers;
  }

  /**
   * A body as stored: a string (text), `!!binary`/`!binary` (base64), `{string: ...}` or `{base64_string: ...}`
   * (VCR's body record), any other tree (a JSON value kept as YAML).
   */
  body(node: YamlNode | undefined, path: JsonPath): StoredBody {
    const n = resolveAlias(node);
    if (!n) return NO_BODY;
    if (n.kind === 'scalar') {
      if (n.js === null && !n.binary) return NO_BODY;
      const text = typeof n.js === 'string' ? n.js : n.value;
      if (text === '') return NO_BODY;
      return { kind: n.binary ? 'base64' : 'text', text, source: this.source(n, path) };
    }
    if (n.kind === 'map') {
      const string = mapGet(n, 'string');
      if (string) return this.body(string, [...path, 'string']);
      const base64 = mapGet(n, 'base64_string');
      if (base64) {
        const stored = this.body(base64, [...path, 'base64_string']);
        return stored.kind === 'text' ? { kind: 'base64', text: stored.text, source: stored.source } : stored;
      }
      if (n.pairs.every((p) => p.name === 'encoding' || p.name === 'file')) return NO_BODY;
    }
    return this.jsonBody(n, path);
  }

  /** A JSON value the recorder wrote as a YAML tree (pydantic-ai's `parsed_body`); inner values are located on demand. */
  jsonBody(node: YamlNode, path: JsonPath): StoredBody {
    const n = resolveAlias(node) ?? node;
    return { kind: 'json', value: n.js, source: this.source(n, path), sourceOf: (inner: JsonPath) => locateInTree(n, inner) };
  }

  /**
   * A status code: an integer; with `accepts: 'digits'`, also a string of digits (R's old `status_code: '200'`);
   * with 'status-line', a status line's code (go-vcr's `status: 200 OK`). Anything else is a container-schema
   * problem at the value, and the status is null.
   */
  statusCode(node: YamlNode | undefined, path: JsonPath, exchange: number, accepts: 'integer' | 'digits' | 'status-line' = 'integer'): number | null {
    const n = resolveAlias(node);
    if (!n) return null;
    if (n.kind === 'scalar') {
      if (typeof n.js === 'number' && Number.isInteger(n.js) && n.js >= 0) return n.js;
      if (typeof n.js === 'string' && accepts !== 'integer') {
        const m = (accepts === 'status-line' ? /^\s*(\d{1,4})(?:\s.*)?$/s : /^\s*(\d{1,4})\s*$/).exec(n.js);
        if (m) return Number(m[1]);
      }
    }
    this.schemaProblem(`The status code is ${describeNode(n)}, not a number: replay cannot build the response.`, n, path, exchange);
    return null;
  }

  /**
   * A request mapping as every YAML recorder writes one: its method, its URL under the first of `urlKeys` it has
   * (`uri` for vcrpy and VCR, `url` for go-vcr), its headers; `body` as the recorder stores it. `urlFallback`
   * reads a URL the recorder kept elsewhere (old vcrpy cassettes).
   */
  request(node: YamlMap, path: JsonPath, index: number, urlKeys: readonly string[], body: StoredBody, urlFallback?: () => string | undefined): RecordedRequest {
    const methodNode = mapGet(node, 'method');
    const method = this.text(methodNode);
    if (method === undefined && !node.truncated) this.schemaProblem(`The request of exchange ${index + 1} has no method.`, methodNode ?? node, methodNode ? [...path, 'method'] : path, index);
    const urlKey = urlKeys.find((k) => mapGet(node, k) !== undefined);
    const urlNode = urlKey === undefined ? undefined : mapGet(node, urlKey);
    const url = this.text(urlNode) ?? urlFallback?.();
    if (url === undefined && !node.truncated) this.schemaProblem(`The request of exchange ${index + 1} has no ${urlKeys[0] ?? 'url'}.`, urlNode ?? node, urlNode && urlKey ? [...path, urlKey] : path, index);
    return {
      method: method ?? '',
      url: url ?? '',
      headers: this.headers(mapGet(node, 'headers'), [...path, 'headers']),
      body,
      span: spanOf(node),
      path,
      urlSource: urlNode && urlKey && url !== undefined ? this.source(urlNode, [...path, urlKey]) : undefined,
    };
  }

  /** Placeholder for a request the file does not record (a problem says so), so exchange indexes stay the file's. */
  missingRequest(item: YamlNode, path: JsonPath): RecordedRequest {
    return { method: '', url: '', headers: [], body: NO_BODY, span: spanOf(item), path };
  }
}

/** How a wrong value is named in a message: what it is, and the value itself when it is short. */
function describeNode(n: YamlNode): string {
  if (n.kind === 'map') return 'a mapping';
  if (n.kind === 'seq') return 'a list';
  if (n.kind !== 'scalar') return 'an alias';
  if (n.js === null) return 'empty';
  const shown = n.value.length > 40 ? `${n.value.slice(0, 40)}…` : n.value;
  return typeof n.js === 'string' ? `the string '${shown}'` : `'${shown}'`;
}

export function asMap(node: YamlNode | undefined): YamlMap | undefined {
  const n = resolveAlias(node);
  return n?.kind === 'map' ? n : undefined;
}

/** True when a syntax error cut this node short (its missing parts are not the recorder's doing). */
export function isTruncated(node: YamlNode | undefined): boolean {
  const n = resolveAlias(node);
  return n !== undefined && n.kind !== 'scalar' && n.kind !== 'alias' && n.truncated;
}

export type { RecordedRequest, RecordedResponse };
