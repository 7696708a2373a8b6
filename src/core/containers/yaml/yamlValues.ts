// Scalar values as PyYAML reads them (YAML 1.1: `yes`/`no`, octal `0777`, `1_000`, sexagesimal), JSON's
// rules for a JSON text, and tags read as the plain value inside: nothing is ever constructed.

const TAG_PREFIX = 'tag:yaml.org,2002:';

const BOOL_11 = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const TRUE_11 = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const INT_11 = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT_11 = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NULL_11 = /^(?:~|null|Null|NULL|)$/;
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
/** No implicit value is longer than this; a longer plain scalar is a string without a regex run over it. */
const MAX_IMPLICIT_LENGTH = 400;

export type ScalarKind = 'null' | 'bool' | 'int' | 'float' | 'str';

/** What a plain scalar resolves to without a tag. */
export function implicitKind(text: string, json: boolean): ScalarKind {
  if (text.length > MAX_IMPLICIT_LENGTH) return 'str';
  if (json) {
    if (text === 'null') return 'null';
    if (text === 'true' || text === 'false') return 'bool';
    return JSON_NUMBER.test(text) ? 'float' : 'str';
  }
  const c = text.charCodeAt(0);
  // PyYAML picks candidate resolvers by the first character; most strings are ruled out here.
  const candidate = text === '' || c === 0x7e || c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39) || /^[yYnNtTfFoO]/.test(text);
  if (!candidate) return 'str';
  if (BOOL_11.test(text)) return 'bool';
  if (FLOAT_11.test(text)) return 'float';
  if (INT_11.test(text)) return 'int';
  if (NULL_11.test(text)) return 'null';
  return 'str';
}

function parseInt11(text: string): number {
  let s = text.replace(/_/g, '');
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (s === '0') return 0;
  if (s.startsWith('0b')) return sign * parseInt(s.slice(2), 2);
  if (s.startsWith('0x')) return sign * parseInt(s.slice(2), 16);
  if (s.startsWith('0')) return sign * parseInt(s, 8);
  if (s.includes(':')) return sign * sexagesimal(s);
  return sign * Number(s);
}

function parseFloat11(text: string): number {
  let s = text.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (s === '.inf') return sign * Infinity;
  if (s === '.nan') return NaN;
  if (s.includes(':')) return sign * sexagesimal(s);
  return sign * Number(s);
}

function sexagesimal(s: string): number {
  let value = 0;
  for (const part of s.split(':')) value = value * 60 + Number(part);
  return value;
}

function valueOfKind(kind: ScalarKind, text: string, json: boolean): unknown {
  switch (kind) {
    case 'null':
      return null;
    case 'bool':
      return json ? text === 'true' : TRUE_11.test(text);
    case 'int':
      return parseInt11(text);
    case 'float':
      return json ? Number(text) : parseFloat11(text);
    case 'str':
      return text;
  }
}

/** Tags whose scalar is base64 of bytes. */
export function isBinaryTag(tag: string | null): boolean {
  return tag === `${TAG_PREFIX}binary` || tag === '!binary' || tag === `${TAG_PREFIX}python/bytes`;
}

/** The plain value of a scalar: typed by its tag when the tag is a standard one, else as if untagged. */
export function scalarValue(text: string, plain: boolean, tag: string | null, json: boolean): unknown {
  if (tag === null) return plain ? valueOfKind(implicitKind(text, json), text, json) : text;
  // PyYAML resolves a `!`-tagged scalar as if it were plain, whatever its style.
  if (tag === '!') return valueOfKind(implicitKind(text, false), text, false);
  const name = tag.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : undefined;
  switch (name) {
    case 'str':
    case 'binary':
    case 'timestamp':
    case 'python/str':
    case 'python/unicode':
    case 'python/bytes':
    case 'python/complex':
      return text;
    case 'null':
    case 'python/none':
      return null;
    case 'bool':
    case 'python/bool':
    case 'int':
    case 'python/int':
    case 'python/long':
    case 'float':
    case 'python/float': {
      const kind = implicitKind(text, false);
      return kind === 'str' ? text : valueOfKind(kind, text, false);
    }
    default:
      // Unknown tags (`!ruby/...`, `!!python/name:...`, `!foo`): the value as written.
      return plain ? valueOfKind(implicitKind(text, json), text, json) : text;
  }
}

/**
 * Python objects a recorder wrote (`!!python/object/apply:multidict._multidict.istr [Content-Type]`,
 * `!!python/object/new:...`): the plain value inside, never the object.
 */
export function pythonObjectInner(tag: string | null, items: readonly unknown[] | undefined, record: Readonly<Record<string, unknown>> | undefined): unknown {
  if (tag === null || !tag.startsWith(`${TAG_PREFIX}python/object`)) return undefined;
  const args = items ?? (Array.isArray(record?.['args']) ? (record['args'] as unknown[]) : undefined);
  const first = args?.[0];
  return typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean' ? first : undefined;
}

export function isMergeKey(text: string, plain: boolean, tag: string | null, json: boolean): boolean {
  return !json && ((plain && tag === null && text === '<<') || tag === `${TAG_PREFIX}merge`);
}
