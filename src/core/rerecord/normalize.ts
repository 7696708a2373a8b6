// Keeps a re-recorded response in the original's style. The recorder replaces volatile fields (ids
// with rec-<hash>, `created` with 0, Ollama's timestamps and durations with zeros) so that re-recording
// does not churn git diffs; a re-record does the same exactly when the original shows it was done.
import { pyInt, pyStr, pyText, type PyJson } from '../ogx/pythonJsonValue';
import { dataOf } from '../values';

export const OLLAMA_EPOCH = '1970-01-01T00:00:00.000000Z';

export interface NormalizationStyle {
  /** The original's `rec-…` id, given to every new item that has an `id`. */
  readonly recId: string | undefined;
  /** The original's `created` was 0: so is every new one. */
  readonly createdZero: boolean;
  /** The original's Ollama `created_at` was the epoch: so is every new one. */
  readonly ollamaEpoch: boolean;
  /** Every numeric Ollama `*_duration` of the original was 0: new non-null durations become 0. */
  readonly ollamaDurationsZero: boolean;
}

/** Reads the style off the original response items (as the core's analysis parsed them). */
export function normalizationStyleOf(items: readonly unknown[]): NormalizationStyle {
  let recId: string | undefined;
  let createdZero = false;
  let ollamaEpoch = false;
  let zeroDurations = 0;
  let otherDurations = 0;
  for (const item of items) {
    const data = dataOf(item);
    if (!data) continue;
    const isModel = data['object'] === 'model';
    const id = data['id'];
    if (!isModel && recId === undefined && typeof id === 'string' && id.startsWith('rec-')) recId = id;
    if (!isModel && data['created'] === 0) createdZero = true;
    if (data['created_at'] === OLLAMA_EPOCH) ollamaEpoch = true;
    for (const [key, value] of Object.entries(data)) {
      if (!key.endsWith('_duration') || typeof value !== 'number') continue;
      if (value === 0) zeroDurations++;
      else otherDurations++;
    }
  }
  return { recId, createdZero, ollamaEpoch, ollamaDurationsZero: zeroDurations > 0 && otherDurations === 0 };
}

/** A copy of one new item's data with the original's normalization applied; key order is kept. */
export function normalizeData(data: PyJson, style: NormalizationStyle): PyJson {
  if (data.kind !== 'dict') return data;
  const out = new Map(data.entries);
  const isModel = pyText(out.get('object')) === 'model';
  if (style.recId !== undefined && !isModel && out.has('id')) out.set('id', pyStr(style.recId));
  if (style.createdZero && !isModel && out.has('created')) out.set('created', pyInt(0));
  if (style.ollamaEpoch && out.has('created_at')) out.set('created_at', pyStr(OLLAMA_EPOCH));
  if (style.ollamaDurationsZero) {
    for (const [key, value] of out) {
      if (key.endsWith('_duration') && value.kind !== 'null') out.set(key, pyInt(0));
    }
  }
  return { kind: 'dict', entries: out };
}

