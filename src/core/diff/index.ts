// The semantic diff of fixtures: the pure diff and reports (any environment) and the git side of `diff --git` (Node).
export * from './types';
export { diffFixtures, MAX_BODY_CHANGES, MAX_NOISE_EXAMPLES } from './diffFixtures';
export { pairFixtureFiles, requestLeaves, commonLeaves, type FilePair, type FilePairInput, type FilePairStatus, type FixtureFile } from './filePairing';
export { pairExchanges, type ExchangePair } from './exchangePairing';
export { comparableRequest, diffRequests, testIdOf } from './requestDiff';
export { diffWords, tokenizeWords } from './wordDiff';
export { isNoiseKey } from './noiseRules';
export { diffValues, compareValues } from './valueDiff';
export { exitCodeOf, formatPath, isSemanticChange, pairStatus, summarize, whatChanged, type DiffPair, type DiffSummary, type PairStatus } from './summary';
export { jsonReport, pairJson } from './jsonReport';
export { textReport } from './textReport';
export { markdownReport } from './markdownReport';
export { escapeHtml, escapeMarkdownInline } from './markdownEscape';
export { hasFixtureName, readFixtureSide, type FixtureSide } from './fixtureSide';
