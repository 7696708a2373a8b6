// The OGX recorder's request-hash rules as they changed, each set named and dated, newest first: the
// first set is what the recorder computes today, so a file it does not name cannot be replayed.
//
// Read from the recorder's history (repository, path @ commit). Dates are those of the pull requests that made the
// change where the history names them, else the month the change must fall in (marked ~):
//  - file-search        ogx-ai/ogx src/ogx/testing/api_recorder.py @be1d4447 (today); ~2026-04: the file_search
//                       replay failures it fixes are reported in ogx-ai/ogx #5173 on 2026-04-07
//  - models-by-suffix   ogx-ai/ogx src/ogx/testing/api_recorder.py @482c6a5b: the same normalization, model lists
//                       told by path.endswith("/models"); ~2026-04, dropped again by @be1d4447
//  - file-processors    ogx-ai/ogx #4743 (PyPDF file processor, recorded under a hash the file does not keep) until
//                       #5173's follow-up ran file processors for real; ~2026-03
//  - numbers            llamastack/llama-stack src/llama_stack/testing/api_recorder.py @00b74994; ~2025-10, between
//                       #3681 and #4053 ("/v1/openai/v1/models" joined the model lists on 2025-11-04)
//  - test-id            llamastack/llama-stack llama_stack/testing/api_recorder.py @00fd27be, ogx-ai/ogx #3681 (2025-10-04)
//  - legacy             llamastack/llama-stack llama_stack/testing/inference_recorder.py @34f5da6c, ogx-ai/ogx #2941 (2025-07-29)

/** How a set rewrites a request body before hashing it (`_normalize_body_for_hash`). */
export type BodyNormalization =
  /** The body as sent. */
  | 'none'
  /** Floats round(x, 5), decimals of 4+ places inside strings f"{x:.5f}". */
  | 'numbers'
  /** 'numbers' plus file_search scores, attributes, document ids and citations masked, extra_body/extra_query.project_id dropped. */
  | 'file-search';

/** SDK inference calls: sha256 of json.dumps({method, endpoint: urlparse(url).path, body[, test_id]}, sort_keys=True). */
export interface InferenceRecipe {
  readonly body: BodyNormalization;
  /** Whether test_id is in the hashed dict (for every path but the shared model lists). */
  readonly testId: boolean;
  /** Paths (urlparse(url).path) hashed without test_id: model lists shared by every test. */
  readonly sharedPaths: readonly string[];
  /** Any path ending in "/models" is shared too. */
  readonly sharedBySuffix: boolean;
  /** stream_options dropped when the URL's host contains "bedrock". */
  readonly bedrockStreamOptions: boolean;
}

export interface HashRuleSet {
  /** Stable id, as `fixture-lens audit --format json` reports it in `rules`. */
  readonly id: string;
  readonly title: string;
  /** When the recorder started computing hashes this way (YYYY-MM or YYYY-MM-DD). */
  readonly since: string;
  /** Length of the hash in the file names this set writes: the first 12 hex digits or all 64. */
  readonly nameLength: 12 | 64;
  /** Each kind of request the set changed the rules for; null: the set says nothing about that kind (look at an older set). */
  readonly inference: InferenceRecipe | null;
  /** Raw HTTP passthrough (rerank, /v1/messages, /interactions): sha256 of {test_id, url, method, payload}. */
  readonly http: { readonly payload: BodyNormalization } | null;
  /** Tool calls: sha256 of {provider, tool_name, kwargs}, never test_id nor normalization. */
  readonly tool: boolean;
  /** File processors: recorded under a hash the file does not keep enough to recompute, or not recorded (run for real). */
  readonly fileProcessor: 'recorded' | 'not-recorded' | null;
  /** The digest in models-<hash>-<digest>.json: sha1 or sha256 of the sorted model ids, first 8 hex. */
  readonly modelDigest: 'sha1' | 'sha256';
}

const MODEL_LISTS = ['/api/tags', '/v1/models', '/v1/openai/v1/models'] as const;

export const HASH_RULE_SETS: readonly HashRuleSet[] = [
  {
    id: 'file-search',
    title: 'file_search scores, attributes and document ids normalized',
    since: '2026-04',
    nameLength: 64,
    inference: { body: 'file-search', testId: true, sharedPaths: MODEL_LISTS, sharedBySuffix: false, bedrockStreamOptions: true },
    http: { payload: 'file-search' },
    tool: true,
    fileProcessor: 'not-recorded',
    modelDigest: 'sha256',
  },
  {
    // A variant of the same month that told model lists by their suffix: "/v1/v1/models" went without test_id.
    id: 'models-by-suffix',
    title: 'file_search normalized, model lists told by a "/models" suffix',
    since: '2026-04',
    nameLength: 64,
    inference: { body: 'file-search', testId: true, sharedPaths: ['/api/tags'], sharedBySuffix: true, bedrockStreamOptions: true },
    http: { payload: 'file-search' },
    tool: false,
    fileProcessor: 'not-recorded',
    modelDigest: 'sha256',
  },
  {
    id: 'file-processors',
    title: 'file-processor calls recorded',
    since: '2026-03',
    nameLength: 64,
    inference: null,
    http: null,
    tool: false,
    fileProcessor: 'recorded',
    modelDigest: 'sha256',
  },
  {
    id: 'numbers',
    title: 'floats and long decimals rounded to 5 places',
    since: '2025-10',
    nameLength: 64,
    inference: { body: 'numbers', testId: true, sharedPaths: MODEL_LISTS, sharedBySuffix: false, bedrockStreamOptions: true },
    http: { payload: 'numbers' },
    tool: false,
    fileProcessor: null,
    modelDigest: 'sha256',
  },
  {
    id: 'test-id',
    title: 'test id in the hash, full sha256 file names',
    since: '2025-10-04',
    nameLength: 64,
    inference: { body: 'none', testId: true, sharedPaths: ['/api/tags', '/v1/models'], sharedBySuffix: false, bedrockStreamOptions: false },
    http: null,
    tool: true,
    fileProcessor: null,
    modelDigest: 'sha256',
  },
  {
    id: 'legacy',
    title: 'first recorder: no test id, 12-hex file names',
    since: '2025-07-29',
    nameLength: 12,
    inference: { body: 'none', testId: false, sharedPaths: [], sharedBySuffix: false, bedrockStreamOptions: false },
    http: null,
    tool: true,
    fileProcessor: null,
    modelDigest: 'sha1',
  },
];

/** What the recorder does today. */
export const CURRENT_HASH_RULES: HashRuleSet = HASH_RULE_SETS[0]!;

export function hashRuleSet(id: string): HashRuleSet | undefined {
  return HASH_RULE_SETS.find((set) => set.id === id);
}

/** Endpoints (the request's `endpoint`, as the SDK names it) whose recordings are named models-<hash>-<digest>.json today. */
export const MODEL_LIST_ENDPOINTS: readonly string[] = MODEL_LISTS;
