// Headers of a JSON cassette in each shape recorders write them: an object of name → value or list of
// values (Azure, Datadog, nock), a list of {name, value} pairs (HAR), a flat [name, value, ...] list
// (nock's rawHeaders). Each value keeps its own place in the text.
import type { Header } from '../types';
import type { JsonPath } from '../../diagnostic';
import { asRecord } from '../../values';
import type { JsonSources } from './jsonSources';

/** A header value as a recorder's reader would take it: strings as is, numbers and booleans as written. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function header(sources: JsonSources, name: string, v: unknown, path: JsonPath, out: Header[]): void {
  const value = scalarText(v);
  if (value === undefined) return;
  out.push({ name, value, source: typeof v === 'string' ? sources.stringSource(path) : sources.source(path) });
}

/** `{"Content-Type": "application/json", "Set-Cookie": ["a", "b"]}`: one header per value. */
export function headersOfObject(sources: JsonSources, value: unknown, path: JsonPath): Header[] {
  const record = asRecord(value);
  const out: Header[] = [];
  if (!record) return out;
  for (const name of Object.keys(record)) {
    const v = record[name];
    if (Array.isArray(v)) v.forEach((item: unknown, k) => header(sources, name, item, [...path, name, k], out));
    else header(sources, name, v, [...path, name], out);
  }
  return out;
}

/** HAR's `[{"name": "content-type", "value": "application/json"}]`. */
export function headersOfPairs(sources: JsonSources, value: unknown, path: JsonPath): Header[] {
  const out: Header[] = [];
  if (!Array.isArray(value)) return out;
  value.forEach((item: unknown, k) => {
    const pair = asRecord(item);
    const name = pair ? scalarText(pair['name']) : undefined;
    if (pair && name !== undefined) header(sources, name, pair['value'], [...path, k, 'value'], out);
  });
  return out;
}

/** Node's raw headers as nock records them: names at even indexes, each followed by its value. */
export function headersOfFlatList(sources: JsonSources, value: unknown, path: JsonPath): Header[] {
  const out: Header[] = [];
  if (!Array.isArray(value)) return out;
  for (let k = 0; k + 1 < value.length; k += 2) {
    const name = scalarText(value[k]);
    if (name !== undefined) header(sources, name, value[k + 1], [...path, k + 1], out);
  }
  return out;
}

/** The first value of a header, by case-insensitive name. */
export function headerNamed(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === lower) return h.value;
  return undefined;
}
