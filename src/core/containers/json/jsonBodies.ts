// Stored bodies of a JSON cassette that every format writes the same way: no body, a text string, a
// parsed JSON value (whose inner values are located on demand).
import type { StoredBody } from '../types';
import type { JsonPath } from '../../diagnostic';
import type { JsonSources } from './jsonSources';

export const NO_BODY: StoredBody = { kind: 'none' };

export function textBody(sources: JsonSources, text: string, path: JsonPath): StoredBody {
  return { kind: 'text', text, source: sources.stringSource(path) };
}

export function jsonBody(sources: JsonSources, value: unknown, path: JsonPath): StoredBody {
  return { kind: 'json', value, source: sources.source(path), sourceOf: (inner: JsonPath) => sources.locate([...path, ...inner]) };
}
