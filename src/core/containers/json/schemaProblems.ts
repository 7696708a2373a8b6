// container-schema diagnostics of a JSON cassette, each at the smallest value that shows the problem: the
// wrong value itself, or for a missing member the object that lacks it.
import { makeDiagnostic, type FixtureDiagnostic, type JsonPath } from '../../diagnostic';
import type { JsonRecord } from '../../values';
import type { JsonSources } from './jsonSources';

export class SchemaProblems {
  readonly diagnostics: FixtureDiagnostic[] = [];

  constructor(private readonly sources: JsonSources) {}

  /** A problem with the value at `path`; when the value is missing, the span is the object that should hold it. */
  add(message: string, path: JsonPath, exchange?: number): void {
    this.diagnostics.push(makeDiagnostic('container-schema', message, this.sources.span(path), path, undefined, exchange));
  }

  /** A member that must be a string: its value, or a problem (missing, or of another type) and undefined. */
  requireString(record: JsonRecord, key: string, path: JsonPath, where: string, exchange: number): string | undefined {
    const v = record[key];
    if (typeof v === 'string') return v;
    if (v === undefined) this.add(`${where} has no "${key}".`, [...path, key], exchange);
    else this.add(`${where}: "${key}" is ${describeValue(v)}, not a string.`, [...path, key], exchange);
    return undefined;
  }

  /** An HTTP status that must be an integer: the status, or a problem and null. */
  requireStatus(record: JsonRecord, key: string, path: JsonPath, where: string, exchange: number): number | null {
    const v = record[key];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (v === undefined) this.add(`${where} has no "${key}": replay needs the HTTP status to answer with.`, [...path, key], exchange);
    else this.add(`${where}: "${key}" is ${describeValue(v)}, not a number (the HTTP status).`, [...path, key], exchange);
    return null;
  }
}

/** How a wrong value is named in a message: its type, and the value itself when it is short. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return v.length <= 40 ? `the string ${JSON.stringify(v)}` : 'a string';
    case 'number':
      return `the number ${String(v)}`;
    case 'boolean':
      return String(v);
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}
