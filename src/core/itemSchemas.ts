// Checks one response item against the schema of its kind and turns zod's issues into diagnostics'
// raw material: a path inside the item and a sentence a reader of the JSON understands.
import type { z } from 'zod';
import { formatPath, type JsonPath } from './diagnostic';
import type { ItemKind } from './dialect';
import { passesFast } from './fastCheck';
import * as schemas from './schemas';

export interface SchemaProblem {
  /** Path from the item (so `__data__`, `choices`, … for serialized SDK objects). */
  readonly at: JsonPath;
  readonly message: string;
}

const DATA_SCHEMAS: Partial<Record<ItemKind, z.ZodType>> = {
  'openai-chat-chunk': schemas.chatCompletionChunkData,
  'openai-chat': schemas.chatCompletionData,
  'openai-completion': schemas.completionData,
  'openai-embeddings': schemas.embeddingsData,
  'openai-model': schemas.modelData,
  'ollama-generate': schemas.ollamaGenerateData,
  'ollama-chat': schemas.ollamaChatData,
  'ollama-embed': schemas.ollamaEmbedData,
  'ollama-list': schemas.ollamaListData,
  'tool-invocation': schemas.toolInvocationData,
};

const MAX_PROBLEMS_PER_ITEM = 10;

export function checkItem(item: unknown, kind: ItemKind): SchemaProblem[] {
  if (kind === 'sse-line' || kind === 'plain-other') return [];
  if (kind === 'vertex') return problems(schemas.vertexItem, item, []);
  const envelopeProblems = problems(schemas.typedItem, item, []);
  if (envelopeProblems.length > 0) return envelopeProblems;
  const schema = DATA_SCHEMAS[kind];
  return schema ? problems(schema, (item as { __data__: unknown }).__data__, ['__data__']) : [];
}

export function problems(schema: z.ZodType, value: unknown, prefix: JsonPath): SchemaProblem[] {
  if (passesFast(schema, value)) return [];
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.slice(0, MAX_PROBLEMS_PER_ITEM).map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return { at: [...prefix, ...path], message: describe(issue.message, path, valueAt(value, path)) };
  });
}

function describe(message: string, path: JsonPath, actual: unknown): string {
  const where = path.length === 0 ? '' : `${formatPath(path)}: `;
  const expectation = message.replace(/^Invalid input: /, '');
  if (actual === undefined) return `${where}missing (${expectation})`;
  // A literal such as 1e999999 is a number to the reader of the file; JSON.parse makes it Infinity.
  if (typeof actual === 'number' && !Number.isFinite(actual) && /\bnumber\b/.test(expectation)) return `${where}the number is too large for a 64-bit float (it reads as ${actual})`;
  return `${where}${expectation}, got ${kindOfValue(actual)}`;
}

export function kindOfValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}
