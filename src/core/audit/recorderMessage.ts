// Reads the OGX recorder's "Recording not found" errors out of whatever text holds them (a pytest log, a
// terminal selection, a server's JSON error): which call missed, its hash when the message gives one, and the
// test that was running when pytest printed it.

export type RecorderMiss =
  /** An SDK inference call: `Recording not found for request hash: H` / `Model: M | Request: POST url`. */
  | { readonly kind: 'inference'; readonly hash: string; readonly model: string | null; readonly method: string | null; readonly url: string | null }
  /** google-genai: `Recording not found for genai request hash: H` / `Model: M | Endpoint: /generate_content`. */
  | { readonly kind: 'genai'; readonly hash: string; readonly model: string | null; readonly endpoint: string | null }
  /** A tool call: `Recording not found for provider.tool | Request: {kwargs}`. */
  | { readonly kind: 'tool'; readonly provider: string; readonly toolName: string; readonly request: string }
  /** Raw HTTP: `… for rerank request | URL: u`, `… for httpx POST u`, `… for httpx stream POST u`. */
  | { readonly kind: 'http'; readonly url: string; readonly method: string; readonly stream: boolean; readonly via: 'rerank' | 'httpx' };

export interface ParsedRecorderMessage {
  readonly miss: RecorderMiss;
  /** The pytest node id printed near the message (FAILED lines, test headers), or null. */
  readonly testId: string | null;
  /** A test's name without its file (a "___ test_x[p] ___" header), when no node id is printed. */
  readonly testName: string | null;
}

// Pytest prefixes error lines with "E   ", terminals add colors, servers send the message JSON-escaped.
function clean(text: string): string {
  let out = text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  if (!/Recording not found[^\n]*\n/.test(out) && out.includes('\\n')) out = out.replace(/\\n/g, '\n').replace(/\\"/g, '"');
  return out.split(/\r?\n/).map((line) => line.replace(/^E {2,}/, '').replace(/^\s+/, '')).join('\n');
}

const HASH = '([0-9a-f]{6,64})(?:\\.\\.\\.|\u2026)?';
const INFERENCE = new RegExp(`(?:Recording not found|No recorded response found) for request hash: ${HASH}(?:[^\\n]*\\nModel: (.*?) \\| Request: ([A-Za-z]+) (\\S+))?`);
const GENAI = new RegExp(`Recording not found for genai request hash: ${HASH}(?:[^\\n]*\\nModel: (.*?) \\| Endpoint: (\\S+))?`);
const RERANK = /Recording not found for rerank request \| URL: (\S+)/;
const HTTPX = /Recording not found for httpx (stream )?([A-Za-z]+) (\S+)/;
const TOOL = /Recording not found for (\S+) \| Request: ([^\n]*)/;

const NODE_ID = /(?:^|[\s('"])((?:[\w.-]+\/)*[\w.-]+\.py::[\w:]+(?:\[[^\]\n]*\])?)/m;
const TEST_HEADER = /_{3,} (?:\w+\.)?(test\w*(?:\[[^\]\n]*\])?) _{3,}/;

export function parseRecorderMessage(text: string): ParsedRecorderMessage | undefined {
  const t = clean(text.length > 1_000_000 ? text.slice(0, 1_000_000) : text);
  const miss = readMiss(t);
  if (miss === undefined) return undefined;
  const node = NODE_ID.exec(t);
  const header = node ? null : TEST_HEADER.exec(t);
  return { miss, testId: node ? node[1]! : null, testName: header ? header[1]! : null };
}

function readMiss(t: string): RecorderMiss | undefined {
  // The specific phrasings first: "for request hash" is also the tail of "for genai request hash".
  const genai = GENAI.exec(t);
  if (genai) return { kind: 'genai', hash: genai[1]!, model: modelOrNull(genai[2]), endpoint: genai[3] ?? null };
  const inference = INFERENCE.exec(t);
  if (inference) return { kind: 'inference', hash: inference[1]!, model: modelOrNull(inference[2]), method: inference[3]?.toUpperCase() ?? null, url: inference[4] ?? null };
  const rerank = RERANK.exec(t);
  if (rerank) return { kind: 'http', url: rerank[1]!, method: 'POST', stream: false, via: 'rerank' };
  const httpx = HTTPX.exec(t);
  if (httpx) return { kind: 'http', url: httpx[3]!, method: httpx[2]!.toUpperCase(), stream: httpx[1] !== undefined, via: 'httpx' };
  const tool = TOOL.exec(t);
  if (tool) {
    const target = tool[1]!;
    const dot = target.lastIndexOf('.');
    if (dot > 0 && dot < target.length - 1) return { kind: 'tool', provider: target.slice(0, dot), toolName: target.slice(dot + 1), request: tool[2]!.trim() };
  }
  return undefined;
}

// The recorder prints body.get('model', 'unknown'), and '' for a request with no model.
function modelOrNull(model: string | undefined): string | null {
  return model === undefined || model === '' || model === 'unknown' || model === 'N/A' ? null : model;
}
