// Which dialects are LLM API calls (judged: streams must end, tool arguments must parse) rather than other HTTP.
import type { DialectId } from '../dialect';

const NOT_LLM: ReadonlySet<DialectId> = new Set(['http', 'http-json', 'unknown']);

export function isLlmDialect(d: DialectId): boolean {
  return !NOT_LLM.has(d);
}
