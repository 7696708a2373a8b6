// Which of the recorder's rule sets (hashRules.ts) names a recording the way its file is named: today's
// (replay finds it), an older one (replay never will: the recorder computes another hash since a date),
// or none (the request was edited after recording). The per-file hint and `fixture-lens audit` both ask here.
import { CURRENT_HASH_RULES, HASH_RULE_SETS, type BodyNormalization, type HashRuleSet, type InferenceRecipe } from './hashRules';
import { pyUrlParse } from './pyUrlParse';
import { dumpedDict, pyEncodeString, pythonJsonDumps } from './pythonJsonDump';
import type { PyJson } from './pythonJsonParse';
import { sha256Hex } from './requestHash';
import type { HashableRequest } from './requestMembers';
import { normalizeValue } from './requestNormalize';

export type RequestKind = 'inference' | 'http' | 'tool' | 'file-processor' | 'unknown';

/** What the request's members say it records (the recorder writes a different request dict for each). */
export function requestKind(req: HashableRequest | undefined): RequestKind {
  if (req === undefined) return 'unknown';
  if (req.has('payload')) return 'http';
  if (req.has('tool_name')) return 'tool';
  if (req.has('file_id') || (req.has('api') && req.has('provider'))) return 'file-processor';
  return req.has('method') && req.has('body') ? 'inference' : 'unknown';
}

/** Whether a rule set says how to name this kind of request (a set that does not is skipped for it). */
function definesKind(set: HashRuleSet, kind: RequestKind): boolean {
  switch (kind) {
    case 'inference': return set.inference !== null;
    case 'http': return set.http !== null;
    case 'tool': return set.tool;
    case 'file-processor': return set.fileProcessor !== null;
    default: return false;
  }
}

// A dumped body can only change under normalization when it holds one of these: a float or a decimal in a
// string with 4+ places, an exponent (tiny floats round to 0), a file_search marker, project_id, or an escape
// (Python's \d also matches non-ASCII digits, which the dump writes as \uXXXX). Otherwise the normalized dump
// is the dump itself, and the usual request costs one hash, as with no normalization at all.
const MAY_NORMALIZE = /[0-9]\.[0-9]{4}|[0-9][eE]-|score:|attributes:|document_id:|<\||project_id|\\u/;

/** The hashes one request gets under the rule sets, each computed once, only when asked for. */
export class RuleHashes {
  readonly kind: RequestKind;
  /** The test id the file records (the one replay runs under); null when the file has none. */
  readonly testId: string | null;
  private readonly dumps = new Map<string, string | undefined>();
  private readonly hashes = new Map<string, string | undefined>();

  constructor(
    private readonly req: HashableRequest | undefined,
    testId: string | null | undefined,
  ) {
    this.kind = requestKind(req);
    const recorded = testId !== undefined ? testId : req?.str('test_id');
    this.testId = typeof recorded === 'string' ? recorded : null;
  }

  /** The hash the set computes for the request (64 hex), hashing test_id as null with `noTestContext`; undefined when the set has no recipe. */
  hash(set: HashRuleSet, noTestContext = false): string | undefined {
    const key = `${set.id}${noTestContext ? '/null' : ''}`;
    if (this.hashes.has(key)) return this.hashes.get(key);
    const value = this.compute(set, noTestContext ? null : this.testId);
    this.hashes.set(key, value);
    return value;
  }

  /** What the recorder computes today, under the test the file records. */
  current(): string | undefined {
    return this.hash(CURRENT_HASH_RULES);
  }

  /** Whether the set puts a test id into this request's hash (so a "no test context" variant exists). */
  hashesTestId(set: HashRuleSet): boolean {
    if (this.kind === 'http') return set.http !== null;
    if (this.kind !== 'inference' || set.inference === null || !set.inference.testId) return false;
    return !this.shared(set.inference);
  }

  private compute(set: HashRuleSet, testId: string | null): string | undefined {
    const req = this.req;
    if (req === undefined) return undefined;
    const id = testId === null ? 'null' : pyEncodeString(testId);
    switch (this.kind) {
      case 'inference': {
        const recipe = set.inference;
        const method = req.str('method');
        if (recipe === null || method === undefined) return undefined;
        const body = this.body(recipe.body, recipe.bedrockStreamOptions && this.url().netloc.includes('bedrock'));
        if (body === undefined) return undefined;
        const members = new Map([['method', pyEncodeString(method.toUpperCase())], ['endpoint', pyEncodeString(this.url().path)], ['body', body]]);
        if (recipe.testId && !this.shared(recipe)) members.set('test_id', id);
        return sha256Hex(dumpedDict(members));
      }
      case 'http': {
        const url = req.str('url');
        const method = req.str('method');
        const payload = set.http === null ? undefined : this.normalizedDump('payload', set.http.payload, false);
        if (url === undefined || method === undefined || payload === undefined) return undefined;
        return sha256Hex(dumpedDict(new Map([['test_id', id], ['url', pyEncodeString(url)], ['method', pyEncodeString(method.toUpperCase())], ['payload', payload]])));
      }
      case 'tool': {
        const provider = req.dumped('provider');
        const toolName = req.dumped('tool_name');
        const kwargs = req.dumped('kwargs');
        if (!set.tool || provider === undefined || toolName === undefined || kwargs === undefined) return undefined;
        return sha256Hex(dumpedDict(new Map([['provider', provider], ['tool_name', toolName], ['kwargs', kwargs]])));
      }
      default:
        return undefined;
    }
  }

  private parsedUrl: { netloc: string; path: string } | undefined;

  /** urlparse(url), or the recorded endpoint when a request keeps no url. */
  private url(): { netloc: string; path: string } {
    if (this.parsedUrl === undefined) {
      const url = this.req?.str('url');
      this.parsedUrl = url !== undefined ? pyUrlParse(url) : { netloc: '', path: this.req?.str('endpoint') ?? '' };
    }
    return this.parsedUrl;
  }

  private shared(recipe: InferenceRecipe): boolean {
    const path = this.url().path;
    return recipe.sharedPaths.includes(path) || (recipe.sharedBySuffix && path.endsWith('/models'));
  }

  private body(normalization: BodyNormalization, dropStreamOptions: boolean): string | undefined {
    return this.normalizedDump('body', normalization, dropStreamOptions);
  }

  /** json.dumps(normalize(member), sort_keys=True), computed once per normalization. */
  private normalizedDump(member: string, normalization: BodyNormalization, dropStreamOptions: boolean): string | undefined {
    const key = `${member}/${normalization}/${dropStreamOptions ? 'bedrock' : ''}`;
    if (this.dumps.has(key)) return this.dumps.get(key);
    const req = this.req;
    const raw = req?.dumped(member);
    let out = raw;
    if (req !== undefined && raw !== undefined && normalization !== 'none' && (MAY_NORMALIZE.test(raw) || (dropStreamOptions && raw.includes('"stream_options"')))) {
      const tree: PyJson | undefined = req.tree(member);
      out = tree === undefined ? undefined : pythonJsonDumps(normalizeValue(tree, normalization === 'numbers' ? 'v1' : 'v2', true, dropStreamOptions), { sortKeys: true });
    }
    this.dumps.set(key, out);
    return out;
  }
}

export type NameVerdict =
  /** Today's recorder computes the name: replay finds the file. */
  | { readonly status: 'current'; readonly found: string; readonly current: string }
  /**
   * An older rule set names the file so (`rules`, the newest that does), or today's set with the test id
   * hashed as null (`noTestContext`: recorded where the recorder had lost the test context); replay computes
   * `current` instead (undefined where today's recorder replays no such call).
   */
  | { readonly status: 'older'; readonly kind: RequestKind; readonly found: string; readonly current: string | undefined; readonly rules: HashRuleSet; readonly noTestContext: boolean; readonly changedSince: string | undefined }
  /** No rule set explains the name: the request was edited after recording. */
  | { readonly status: 'edited'; readonly kind: RequestKind; readonly found: string; readonly current: string | undefined }
  /** The name is no recorder's (or the request is no request any rule set hashes). */
  | { readonly status: 'not-hash-named' }
  | { readonly status: 'unverifiable'; readonly found: string; readonly reason: string };

const HASH_NAME = /^(?:models-([0-9a-f]{12}|[0-9a-f]{64})-([0-9a-f]{8})|([0-9a-f]{12}|[0-9a-f]{64}))\.json$/;

/** The hash and model digest in a recorder's file name (already stripped of any corpus prefix). */
export function parseRecordingName(fileName: string): { hash: string; digest: string | undefined } | undefined {
  const m = HASH_NAME.exec(fileName);
  if (!m) return undefined;
  return { hash: (m[1] ?? m[3])!, digest: m[2] };
}

/** Judges a recorder's file name against the rule sets, newest first; today's hash first, so the usual file costs one hash. */
export function explainRecordingName(fileName: string, hashes: RuleHashes): NameVerdict {
  const name = parseRecordingName(fileName);
  if (name === undefined) return { status: 'not-hash-named' };
  const found = name.hash;
  const kind = hashes.kind;
  const current = hashes.current();
  if (kind === 'unknown' || (current === undefined && kind !== 'file-processor')) return { status: 'unverifiable', found, reason: 'no known hash recipe for this request shape' };
  if (found.length === 64 && current === found) return { status: 'current', found, current };
  const sets = HASH_RULE_SETS.filter((set) => definesKind(set, kind));
  for (let i = 0; i < sets.length; i++) {
    const set = sets[i]!;
    if (set.nameLength !== found.length) continue;
    const changedSince = i > 0 ? sets[i - 1]!.since : undefined;
    if (kind === 'file-processor') {
      // No set's hash of a file processor can be recomputed from the file: the set that recorded them explains the name.
      if (set.fileProcessor === 'recorded') return { status: 'older', kind, found, current, rules: set, noTestContext: false, changedSince };
      continue;
    }
    if (set !== CURRENT_HASH_RULES && hashes.hash(set)?.slice(0, found.length) === found) return { status: 'older', kind, found, current, rules: set, noTestContext: false, changedSince };
    if (hashes.testId !== null && hashes.hashesTestId(set) && hashes.hash(set, true)?.slice(0, found.length) === found) {
      return { status: 'older', kind, found, current, rules: set, noTestContext: true, changedSince: set === CURRENT_HASH_RULES ? undefined : changedSince };
    }
  }
  return { status: 'edited', kind, found, current };
}

/** One sentence saying why replay will not find the file (for 'older' and 'edited' verdicts). */
export function describeNameVerdict(verdict: NameVerdict, testId: string | null): string | undefined {
  switch (verdict.status) {
    case 'older': {
      const set = verdict.rules;
      if (verdict.kind === 'file-processor') {
        return `This file records a file-processor call, under the recorder's rules "${set.title}" (${set.id}, since ${set.since}); since ${verdict.changedSince ?? CURRENT_HASH_RULES.since} the recorder runs file processors for real and never reads such a file.`;
      }
      if (verdict.noTestContext && set === CURRENT_HASH_RULES) {
        return `The file name is the request's hash with no test context (test_id hashed as null), but replay of ${testId ?? 'its test'} computes ${verdict.current}, so replay will not find this file.`;
      }
      const how = set.nameLength === 12 ? `the first 12 hex digits of the request's hash` : `the request's hash`;
      const context = verdict.noTestContext ? ' with no test context (test_id hashed as null)' : '';
      return `The file name is ${how} under the recorder's rules "${set.title}" (${set.id}, since ${set.since})${context}; since ${verdict.changedSince ?? '?'} the recorder computes ${verdict.current} instead, so replay will not find this file.`;
    }
    case 'edited':
      return `The file name says request hash ${verdict.found}, but the recorded request hashes to ${verdict.current ?? '?'}: the request was edited after recording, so replay will not find this file.`;
    default:
      return undefined;
  }
}
