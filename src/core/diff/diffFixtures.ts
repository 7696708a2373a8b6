// The semantic diff of two analyzed fixtures: exchanges paired, then per exchange the request's changed
// paths and the answer's changes, what never matters counted as noise. Pure: analyses in, plain data out.
import type { BodyView, ExchangeAnalysis, FixtureAnalysis } from '../analysis';
import { asRecord } from '../values';
import { diffAnswers } from './answerDiff';
import { pairExchanges } from './exchangePairing';
import { isNoiseKey } from './noiseRules';
import { NoiseTally } from './noiseTally';
import { shownValue } from './shownValue';
import { comparableRequest, diffRequests, testIdOf } from './requestDiff';
import { chunkBoundariesDiffer, diffResponseNoise } from './responseNoise';
import type { ExchangeDiff, FixtureDiff, Presence, ResponseDiff, ValueChange } from './types';
import { compareValues, diffValues, SAME } from './valueDiff';

/** Body changes listed for an answer without text (an embedding changes in every one of its numbers). */
export const MAX_BODY_CHANGES = 100;
/** Noise values kept to show on request; the rest are only counted. */
export const MAX_NOISE_EXAMPLES = 50;

export function diffFixtures(oldFixture: FixtureAnalysis | undefined, newFixture: FixtureAnalysis | undefined): FixtureDiff {
  const testId = testIdOf(newFixture) ?? testIdOf(oldFixture);
  const exchanges: ExchangeDiff[] = [];
  for (const pair of pairExchanges(oldFixture?.exchanges ?? [], newFixture?.exchanges ?? [])) {
    const o = pair.old === null ? undefined : oldFixture?.exchanges[pair.old];
    const n = pair.new === null ? undefined : newFixture?.exchanges[pair.new];
    const d = diffExchange(o, n, oldFixture, newFixture);
    if (d) exchanges.push(d);
  }
  const status = !oldFixture && !newFixture ? 'unchanged' : !oldFixture ? 'added' : !newFixture ? 'removed' : exchanges.length === 0 ? 'unchanged' : 'modified';
  return {
    status,
    exchanges,
    answerChanged: exchanges.some((e) => e.response.answerChanged),
    requestChanged: exchanges.some((e) => e.request.changes.length > 0),
    changed: status === 'added' || status === 'removed' || exchanges.some((e) => e.changed),
    noise: exchanges.reduce((k, e) => k + e.noise.count, 0),
    testId,
  };
}

function diffExchange(o: ExchangeAnalysis | undefined, n: ExchangeAnalysis | undefined, oldFixture: FixtureAnalysis | undefined, newFixture: FixtureAnalysis | undefined): ExchangeDiff | undefined {
  const presence: Presence = o && n ? 'both' : o ? 'old' : 'new';
  const noise = new NoiseTally(MAX_NOISE_EXAMPLES);
  const request = diffRequests(comparableRequest(o, oldFixture), comparableRequest(n, newFixture));
  for (const c of request.noise) noise.add(c);
  const answer = diffAnswers(o?.reassembly, n?.reassembly);
  let bodyChanges: ValueChange[] = [];
  let bodyChangesOmitted = 0;
  let rechunked = false;
  if (o && n) {
    const textless = [o, n].every((e) => e.reassembly.choices.length === 0 && e.reassembly.error === null);
    if (textless) {
      // No answer to compare: the body itself is what changed (a model list, an embedding, an HTTP reply).
      const d = diffBodies(o.responseBody, n.responseBody, noise);
      bodyChanges = d.changes;
      bodyChangesOmitted = d.omitted;
    } else {
      diffResponseNoise(o, n, noise);
      rechunked = !answer.answerChanged && o.streaming && n.streaming && chunkBoundariesDiffer(o.rows, n.rows);
    }
    if (oldFixture?.format === 'ogx' && newFixture?.format === 'ogx') ogxEnvelopeNoise(oldFixture, newFixture, noise);
  }
  const status = o && n && o.status !== n.status ? { old: o.status, new: n.status } : undefined;
  const dialect = (n ?? o)?.dialect ?? 'unknown';
  const dialectChange = o && n && o.dialect !== n.dialect ? { old: o.dialect, new: n.dialect } : undefined;
  const response: ResponseDiff = {
    dialect,
    answerChanged: answer.answerChanged,
    choices: answer.choices,
    ...(answer.usage ? { usage: answer.usage } : {}),
    ...(answer.model ? { model: answer.model } : {}),
    ...(answer.chunkCount ? { chunkCount: answer.chunkCount } : {}),
    ...(answer.error ? { error: answer.error } : {}),
    ...(status ? { status } : {}),
    ...(dialectChange ? { dialectChange } : {}),
    ...(bodyChanges.length > 0 ? { bodyChanges } : {}),
    ...(bodyChangesOmitted > 0 ? { bodyChangesOmitted } : {}),
  };
  const changed =
    presence !== 'both' ||
    request.changes.length > 0 ||
    answer.answerChanged ||
    answer.usage !== undefined ||
    answer.model !== undefined ||
    answer.error !== undefined ||
    status !== undefined ||
    dialectChange !== undefined ||
    bodyChanges.length > 0;
  const noiseCount = noise.count + (rechunked ? 1 : 0);
  if (!changed && noiseCount === 0 && answer.chunkCount === undefined) return undefined;
  const shown = (n ?? o) as ExchangeAnalysis;
  return {
    index: n ? n.index : shown.index,
    oldIndex: o ? o.index : null,
    newIndex: n ? n.index : null,
    presence,
    method: shown.method,
    url: shown.url,
    request: { changes: request.changes },
    response,
    noise: { count: noiseCount, rechunked, examples: noise.examples },
    changed,
  };
}

function bodyValue(view: BodyView): unknown {
  switch (view.kind) {
    case 'empty':
      return null;
    case 'text':
      return view.text;
    case 'json':
      return view.value;
    case 'binary':
      return `(${view.size} bytes of ${view.mediaType ?? 'binary data'})`;
  }
}

function diffBodies(a: BodyView, b: BodyView, noise: NoiseTally): { changes: ValueChange[]; omitted: number } {
  return diffValues(bodyValue(a), bodyValue(b), [], { isNoiseKey, onNoise: (c) => noise.add(c), limit: MAX_BODY_CHANGES });
}

/** OGX's `id_normalization_mapping` (the recorder's record of the ids it replaced) changes with the ids: noise. */
function ogxEnvelopeNoise(oldFixture: FixtureAnalysis, newFixture: FixtureAnalysis, noise: NoiseTally): void {
  const key = 'id_normalization_mapping';
  const a = asRecord(oldFixture.value)?.[key];
  const b = asRecord(newFixture.value)?.[key];
  if (compareValues(a, b) !== SAME) noise.add({ path: [key], old: shownValue(a), new: shownValue(b) });
}
