// Entry point for the YAML cassettes (vcrpy and its JSON serializer, langchain's requests/responses lists,
// Ruby and R VCR, go-vcr): which recorder wrote a text, told by its shape, and the reading of it into exchanges.
import { makeDiagnostic, type FixtureDiagnostic, type Span } from '../diagnostic';
import { readGoVcr, looksLikeGoVcrItems } from './goVcr';
import type { ContainerFormat, Exchange, Fixture } from './types';
import { CassetteReading } from './yaml/cassetteReading';
import { parseYaml, type YamlDocument, type YamlProblem } from './yaml/parseYaml';
import { locateInTree, pathAtOffset } from './yaml/yamlLocate';
import { mapGet, resolveAlias, type YamlMap, type YamlNode } from './yaml/yamlNodes';
import { isRVcrSignature, looksLikeRVcr, readVcrRuby } from './vcrRuby';
import { readVcrpy } from './vcrpy';
import { readVcrpyLangchain } from './vcrpyLangchain';

export type YamlContainerFormat = Extract<ContainerFormat, 'vcrpy' | 'vcrpy-langchain' | 'vcr-ruby' | 'vcr-r' | 'go-vcr'>;

/** A text without any of the keys a cassette starts its exchanges with is not parsed at all. */
const CASSETTE_KEY = /(?:^|[\s{,"'])(?:http_interactions|interactions|requests)["']?[ \t]*:/;

/**
 * Reads a YAML (or JSON-serialized vcrpy) text as a cassette; undefined when the text is no cassette of any
 * YAML recorder (a CI workflow, a docker-compose file) so a directory walk can skip it. A text that is
 * recognisably a cassette but broken (YAML syntax error, missing response) returns a Fixture with
 * diagnostics. Never throws.
 */
export function readYamlContainer(text: string): Fixture | undefined {
  try {
    return read(text);
  } catch {
    // Nothing above throws by design; should a bug, the text is not a cassette this reader can show.
    return undefined;
  }
}

function read(text: string): Fixture | undefined {
  if (!CASSETTE_KEY.test(text)) return undefined;
  const doc = parseYaml(text);
  const rootNode = resolveAlias(doc.root);
  const root = rootNode?.kind === 'map' ? rootNode : undefined;
  const broken = doc.problems.some((p) => p.kind !== 'aliases');
  const format = (root && formatOfTree(root)) ?? (broken ? formatOfText(text) : undefined);
  if (!format) return undefined;
  const reading = new CassetteReading(doc);
  const exchanges = root ? readAs(format, root, reading) : [];
  const diagnostics = [...yamlDiagnostics(doc, format), ...reading.diagnostics].sort((a, b) => a.span.start - b.span.start);
  return {
    format,
    exchanges,
    diagnostics,
    value: rootNode?.js,
    locate: (path) => locateInTree(doc.root, path),
    pathAt: (offset) => pathAtOffset(doc.root, offset),
  };
}

function readAs(format: YamlContainerFormat, root: YamlMap, reading: CassetteReading): Exchange[] {
  switch (format) {
    case 'vcrpy':
      return readVcrpy(root, reading);
    case 'vcrpy-langchain':
      return readVcrpyLangchain(root, reading);
    case 'vcr-ruby':
    case 'vcr-r':
      return readVcrRuby(root, reading);
    case 'go-vcr':
      return readGoVcr(root, reading);
  }
}

/** The recorder of a parsed cassette, by its top-level keys and the shape of its exchanges. */
function formatOfTree(root: YamlMap): YamlContainerFormat | undefined {
  if (mapGet(root, 'http_interactions') !== undefined) {
    const signature = resolveAlias(mapGet(root, 'recorded_with'));
    if (signature?.kind === 'scalar' && typeof signature.js === 'string') return isRVcrSignature(signature.js) ? 'vcr-r' : 'vcr-ruby';
    return looksLikeRVcr(root) ? 'vcr-r' : 'vcr-ruby';
  }
  const interactions = resolveAlias(mapGet(root, 'interactions'));
  if (interactions !== undefined) {
    if (!holdsExchanges(root, interactions.kind === 'seq' ? interactions.items : undefined)) return undefined;
    const version = resolveAlias(mapGet(root, 'version'));
    if (version?.kind === 'scalar' && typeof version.js === 'number' && version.js >= 2) return 'go-vcr';
    return looksLikeGoVcrItems(root) ? 'go-vcr' : 'vcrpy';
  }
  const requests = resolveAlias(mapGet(root, 'requests'));
  const responses = resolveAlias(mapGet(root, 'responses'));
  if (requests?.kind === 'seq' && (responses?.kind === 'seq' || (responses === undefined && root.truncated))) {
    const looksLikeRequests = requests.items.length === 0 || requests.items.some((n) => {
      const item = resolveAlias(n);
      return item?.kind === 'map' && (mapGet(item, 'uri') !== undefined || mapGet(item, 'method') !== undefined);
    });
    if (looksLikeRequests) return 'vcrpy-langchain';
  }
  return undefined;
}

/** An `interactions:` key alone does not make a cassette: its items hold requests or responses, or the file says its version. */
function holdsExchanges(root: YamlMap, items: readonly YamlNode[] | undefined): boolean {
  if (items?.some((n) => {
    const item = resolveAlias(n);
    return item?.kind === 'map' && (mapGet(item, 'request') !== undefined || mapGet(item, 'response') !== undefined);
  })) return true;
  return mapGet(root, 'version') !== undefined || root.truncated;
}

/** The recorder of a text too broken to parse into a tree, by its top-level keys as written. */
function formatOfText(text: string): YamlContainerFormat | undefined {
  if (/^http_interactions[ \t]*:/m.test(text)) return /^recorded_with:.*(?:VCR-vcr|vcr\/|webmockr)/im.test(text) ? 'vcr-r' : 'vcr-ruby';
  if (/^interactions[ \t]*:/m.test(text)) return /^version:[ \t]*[2-9]/m.test(text) || (/^[ \t]+url:/m.test(text) && !/^[ \t]+uri:/m.test(text)) ? 'go-vcr' : 'vcrpy';
  if (/^requests[ \t]*:/m.test(text) && /^responses[ \t]*:/m.test(text)) return 'vcrpy-langchain';
  if (/^\s*\{\s*"interactions"\s*:/.test(text)) return 'vcrpy';
  return undefined;
}

function yamlDiagnostics(doc: YamlDocument, format: YamlContainerFormat): FixtureDiagnostic[] {
  return doc.problems.map((problem) => {
    const span = smallSpan(doc.text, problem.offset);
    const path = problem.path ?? pathAtOffset(doc.root, problem.offset) ?? [];
    const exchange = exchangeOf(path, format);
    const code = problem.kind === 'nesting' ? 'nesting-too-deep' : 'yaml-syntax';
    return makeDiagnostic(code, messageOf(doc.text, problem), span, path, undefined, exchange);
  });
}

function messageOf(text: string, problem: YamlProblem): string {
  const message = problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
  if (problem.context === undefined || problem.kind !== 'syntax') return `${message}.`;
  return `${message} (in the value that starts on line ${lineOf(text, problem.context) + 1}).`;
}

/** One character at the error (none at the end of the text). */
function smallSpan(text: string, offset: number): Span {
  const start = Math.max(0, Math.min(offset, text.length));
  return { start, end: Math.min(start + 1, text.length) };
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function exchangeOf(path: readonly (string | number)[], format: YamlContainerFormat): number | undefined {
  const [list, index] = path;
  const key = format === 'vcr-ruby' || format === 'vcr-r' ? 'http_interactions' : format === 'vcrpy-langchain' ? (list === 'responses' ? 'responses' : 'requests') : 'interactions';
  return list === key && typeof index === 'number' ? index : undefined;
}
