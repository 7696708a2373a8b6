// The tokens a fixture's recorded answers used, summed over its exchanges: what "Validate All Fixtures" adds up for
// a folder (people estimate a re-record's cost from it).
import type { FixtureAnalysis } from './analysis';

export interface TokenTotals {
  readonly prompt: number;
  readonly completion: number;
  readonly total: number;
}

export const NO_TOKENS: TokenTotals = { prompt: 0, completion: 0, total: 0 };

export function tokenTotals(analysis: Pick<FixtureAnalysis, 'exchanges'>): TokenTotals {
  let prompt = 0;
  let completion = 0;
  let total = 0;
  for (const e of analysis.exchanges) {
    const u = e.reassembly.usage;
    if (!u) continue;
    prompt += u.promptTokens ?? 0;
    completion += u.completionTokens ?? 0;
    total += u.totalTokens ?? (u.promptTokens ?? 0) + (u.completionTokens ?? 0);
  }
  return { prompt, completion, total };
}

export function addTokens(a: TokenTotals, b: TokenTotals): TokenTotals {
  return { prompt: a.prompt + b.prompt, completion: a.completion + b.completion, total: a.total + b.total };
}
