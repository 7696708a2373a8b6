// Entry point for the JSON cassettes of other recorders: which format a parsed JSON value is, told by its
// shape, and the reading of it into exchanges. OGX recordings and vcrpy's JSON cassettes are not read here.
import type { Fixture } from './types';
import { asRecord } from '../values';
import { looksLikeAzureTestProxy, readAzureTestProxy } from './azureTestProxy';
import { looksLikeDatadogVcr, readDatadogVcr } from './datadogVcr';
import { looksLikeHar, readHar } from './har';
import type { ContainerRead } from './json/exchangeParts';
import { JsonSources } from './json/jsonSources';
import { looksLikeNock, readNock } from './nock';

export type JsonContainerFormat = 'azure-test-proxy' | 'datadog-vcr' | 'har' | 'nock';

/**
 * Which JSON cassette format a parsed JSON value is (by shape), or undefined: an OGX recording (its request
 * names an `endpoint`, its response says `is_streaming`), a vcrpy cassette, a package.json are none of these.
 */
export function detectJsonContainer(value: unknown): JsonContainerFormat | undefined {
  if (Array.isArray(value)) return looksLikeNock(value) ? 'nock' : undefined;
  const root = asRecord(value);
  if (!root) return undefined;
  if (looksLikeAzureTestProxy(root)) return 'azure-test-proxy';
  if (looksLikeHar(root)) return 'har';
  if (looksLikeDatadogVcr(root)) return 'datadog-vcr';
  return undefined;
}

/** Reads a JSON text (already known to parse to `value`) as that cassette format. Never throws. */
export function readJsonContainer(text: string, value: unknown, format: JsonContainerFormat): Fixture {
  const sources = new JsonSources(text);
  const read = readAs(format, value, sources);
  return {
    format,
    exchanges: read.exchanges,
    diagnostics: read.diagnostics,
    value,
    locate: (path) => sources.locate(path),
    pathAt: (offset) => sources.pathAt(offset),
  };
}

function readAs(format: JsonContainerFormat, value: unknown, sources: JsonSources): ContainerRead {
  // A value of another shape than the format (a caller's mistake) reads as an empty object or list.
  const root = asRecord(value) ?? {};
  switch (format) {
    case 'azure-test-proxy':
      return readAzureTestProxy(root, sources);
    case 'datadog-vcr':
      return readDatadogVcr(root, sources);
    case 'har':
      return readHar(root, sources);
    case 'nock':
      return readNock(Array.isArray(value) ? value : [], sources);
  }
}
