// Property tests over the core with fast-check: whatever the input (random bytes, random JSON, random
// envelopes, real fixtures cut and scrambled), the analysis never throws, every diagnostic range lies in
// the text with a valid line and column, the reassembly and the CLI's JSON are well-formed, and the
// secret scan's ranges can always be redacted. Seeded: a failure prints the seed and path to replay it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { toCliDiagnostic } from '../../src/cli/validateCommand';
import { analyzeFixture, decodeFixtureBytes, DIAGNOSTIC_CODES, DIALECTS, firstInvalidUtf8, LineIndex, reassemble, type FixtureAnalysis } from '../../src/core';
import { REDACTION } from '../../src/core/secrets';
import { repoRoot, sharedDir } from '../support/paths';

/** Fixed, so every run checks the same cases; FUZZ_SEED=<n> explores others (and replays a reported failure). */
const SEED = process.env['FUZZ_SEED'] === undefined ? 20251121 : Number(process.env['FUZZ_SEED']);
/** FUZZ_SCALE=0.1 for a quick run; the default runs the 100,000+ cases the hardening issue asks for. */
const SCALE = process.env['FUZZ_SCALE'] === undefined ? 1 : Number(process.env['FUZZ_SCALE']);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));

let totalCases = 0;

/** Runs one property with its own seed (derived from SEED) and counts its cases. */
function check<T>(name: string, offset: number, numRuns: number, arb: fc.Arbitrary<T>, predicate: (v: T) => void): void {
  const start = Date.now();
  fc.assert(fc.property(arb, predicate), { seed: SEED + offset, numRuns, endOnFailure: true });
  totalCases += numRuns;
  console.log(`      ${name}: ${numRuns} cases in ${((Date.now() - start) / 1000).toFixed(1)} s (seed ${SEED + offset})`);
}

// ---------------------------------------------------------------------------------------------------
// The invariants every analysis must satisfy.

function assertSpanInText(text: string, span: { start: number; end: number }, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: offsets are integers`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: ${span.start}-${span.end} outside 0-${text.length}`);
}

function assertWellFormed(text: string, a: FixtureAnalysis, probe = 0): void {
  const lines = new LineIndex(text);
  let previous = -1;
  const cli = [];
  for (const d of a.diagnostics) {
    const what = `${d.code} "${d.message.slice(0, 80)}"`;
    assertSpanInText(text, d.span, what);
    assert.ok(d.span.start >= previous, `${what}: diagnostics are sorted by start`);
    previous = d.span.start;
    assert.equal(d.severity, DIAGNOSTIC_CODES[d.code].severity, `${what}: severity from the table`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, `${what}: has a message`);
    assert.ok(d.path.every((s) => typeof s === 'string' || (Number.isInteger(s) && s >= 0)), `${what}: path segments`);
    if (d.item !== undefined) assert.ok(Number.isInteger(d.item) && d.item >= 0 && d.item < a.items.length, `${what}: item index ${d.item}`);
    for (const offset of [d.span.start, d.span.end]) {
      const p = lines.positionAt(offset);
      assert.ok(p.line >= 0 && p.character >= 0, `${what}: position`);
      assert.equal(lines.offsetAt(p), offset, `${what}: line/column ${p.line}:${p.character} maps back to offset ${offset}`);
    }
    const c = toCliDiagnostic(d, lines);
    assert.ok(c.line >= 1 && c.column >= 1 && (c.endLine > c.line || (c.endLine === c.line && c.endColumn >= c.column)), `${what}: CLI line/column`);
    if (d.code === 'secret-in-fixture') {
      // Redactable: the span is string content (a token, or a header value's raw content), so replacing it keeps the string whole.
      assert.doesNotThrow(() => JSON.parse(`"${text.slice(d.span.start, d.span.end)}"`), `${what}: a secret's span is string content`);
      assert.ok(!d.message.includes(text.slice(d.span.start, d.span.end)) || d.span.end - d.span.start < 11, `${what}: the message never shows the whole secret`);
    }
    cli.push(c);
  }
  // The CLI's JSON document: serializable, and what a reader parses back is what was written.
  const summary = { files: 1, errors: 0, warnings: 0, infos: 0 };
  const doc = JSON.stringify({ files: [{ file: 'fuzz.json', dialect: a.dialect, diagnostics: cli }], summary }, null, 2);
  assert.equal(JSON.stringify(JSON.parse(doc), null, 2), doc, 'CLI JSON round-trips');

  // The reassembly as `reassemble --json` prints it.
  const r = a.reassembly;
  assert.ok((DIALECTS as readonly string[]).includes(r.dialect) && r.dialect === a.dialect, 'dialect');
  assert.equal(r.chunkCount, a.items.length, 'chunkCount');
  assert.equal(a.rows.length, a.items.length, 'one timeline row per item');
  for (let i = 1; i < r.choices.length; i++) assert.ok((r.choices[i - 1]?.index ?? 0) < (r.choices[i]?.index ?? 0), 'choices sorted by index');
  for (const c of r.choices) {
    assert.equal(typeof c.content, 'string');
    assert.equal(typeof c.reasoning, 'string');
    assert.ok(c.refusal === null || typeof c.refusal === 'string');
    for (const t of c.toolCalls) assert.equal(typeof t.arguments, 'string');
  }
  const line = JSON.stringify({ file: 'fuzz.json', ...r });
  assert.equal(JSON.stringify(JSON.parse(line)), line, 'reassembly JSON round-trips');

  // Positions on demand: wherever the editor asks, it gets an answer in the text, never an exception.
  const offset = text.length === 0 ? 0 : probe % (text.length + 1);
  a.locator.pathAt(offset);
  const item = a.itemAt(offset);
  if (item !== undefined) assert.ok(item >= 0 && item < a.items.length, 'itemAt in range');
  for (let i = 0; i < Math.min(a.items.length, 3); i++) {
    const span = a.itemSpan(i);
    if (span) assertSpanInText(text, span, `itemSpan(${i})`);
  }
  for (const d of a.diagnostics.slice(0, 5)) {
    const located = a.locator.locate(d.path);
    if (located) assertSpanInText(text, located.span, `locate(${JSON.stringify(d.path).slice(0, 80)})`);
    const key = a.locator.keySpan(d.path);
    if (key) assertSpanInText(text, key, 'keySpan');
  }
}

/** Redacting every secret span keeps the text's syntax as it was and leaves no secret behind. */
function assertRedactable(text: string, a: FixtureAnalysis): void {
  const secrets = a.diagnostics.filter((d) => d.code === 'secret-in-fixture');
  if (secrets.length === 0) return;
  let redacted = text;
  for (const d of [...secrets].sort((x, y) => y.span.start - x.span.start)) redacted = redacted.slice(0, d.span.start) + REDACTION + redacted.slice(d.span.end);
  const again = analyzeFixture(redacted);
  assert.equal(again.complete, a.complete, 'redaction keeps the text parseable as it was');
  if (secrets.length < 50) assert.deepEqual(again.diagnostics.filter((d) => d.code === 'secret-in-fixture').map((d) => d.message), [], 'nothing left to redact');
}

// ---------------------------------------------------------------------------------------------------
// Inputs.

/** Real recordings (../shared) and the repository's own fixtures, as mutation bases. */
function baseTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const shared = sharedDir();
  const dirs = [join(repoRoot(), 'fixtures'), join(repoRoot(), 'fixtures', 'broken')];
  if (shared) dirs.push(join(shared, 'corpus'), join(shared, 'seeds'));
  else console.log('      ../shared is absent: mutating the repository fixtures only');
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.txt')).sort()) {
      const text = readFileSync(join(dir, name), 'utf8');
      // The few files above 64 KB would make every case they are picked for cost ten times as much.
      if (text.length <= 64 * 1024) out.push({ name, text });
    }
  }
  return out;
}

/** Strings that break parsers: structure, escapes, surrogates, BOM, NUL, line ends, comments, secrets. */
const hostileChunk = fc.oneof(
  fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', '\u0000', '\uFEFF', '\uD800', '\uDC00', '\uD83D\uDE00', '\r\n', '\r', '\n', '/*', '*/', '//', '\u202E', '\u200B', '\u2028', 'null', 'true', '-', '1e999', '"\\u', '\\ud800', 'sk-proj-FAKEfake0000FAKEfake0000', '?key=FAKEfake0000FAKEfake'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

const VALUE_REPLACEMENTS = ['0', '-1.5e300', '1e999', '-0', '"x"', '""', 'null', 'true', 'false', '[]', '{}', '[1,"a",null]', '{"a":{"b":[]}}', '"\\ud800"', '"\\u00e9\\n"', '"sk-FAKEfake0000FAKEfake0000"', '[[[[[[[[[[]]]]]]]]]]'];

type Mutation =
  | { readonly kind: 'cut'; readonly a: number }
  | { readonly kind: 'delete'; readonly a: number; readonly n: number }
  | { readonly kind: 'duplicate'; readonly a: number; readonly n: number; readonly at: number }
  | { readonly kind: 'swap'; readonly a: number; readonly n: number; readonly b: number; readonly m: number }
  | { readonly kind: 'retype'; readonly a: number; readonly value: string }
  | { readonly kind: 'insert'; readonly a: number; readonly chars: string };

const position = fc.nat();
const length = fc.oneof(fc.nat(16), fc.nat(2048));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), a: position }),
  fc.record({ kind: fc.constant('delete' as const), a: position, n: length }),
  fc.record({ kind: fc.constant('duplicate' as const), a: position, n: length, at: position }),
  fc.record({ kind: fc.constant('swap' as const), a: position, n: length, b: position, m: length }),
  fc.record({ kind: fc.constant('retype' as const), a: position, value: fc.constantFrom(...VALUE_REPLACEMENTS) }),
  fc.record({ kind: fc.constant('insert' as const), a: position, chars: hostileChunk }),
);

/** The value after the first `":` at or after `from`: [start, end) of a scalar, or of a whole object/array. */
function valueAfter(text: string, from: number): { start: number; end: number } | undefined {
  const colon = text.indexOf(':', from);
  if (colon === -1) return undefined;
  let start = colon + 1;
  while (start < text.length && /\s/.test(text.charAt(start))) start++;
  const c = text.charAt(start);
  if (c === '"') {
    let j = start + 1;
    while (j < text.length && text.charAt(j) !== '"') j += text.charAt(j) === '\\' ? 2 : 1;
    return { start, end: Math.min(text.length, j + 1) };
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = start; j < text.length; j++) {
      const d = text.charAt(j);
      if (d === '"') {
        j++;
        while (j < text.length && text.charAt(j) !== '"') j += text.charAt(j) === '\\' ? 2 : 1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return { start, end: j + 1 };
      }
    }
    return { start, end: text.length };
  }
  const m = /^[^,}\]\s]*/.exec(text.slice(start, start + 64));
  return { start, end: start + (m?.[0].length ?? 0) };
}

function mutate(text: string, m: Mutation): string {
  const len = text.length;
  const at = (p: number): number => (len === 0 ? 0 : p % (len + 1));
  switch (m.kind) {
    case 'cut':
      return text.slice(0, at(m.a));
    case 'delete': {
      const a = at(m.a);
      return text.slice(0, a) + text.slice(a + m.n);
    }
    case 'duplicate': {
      const a = at(m.a);
      const piece = text.slice(a, a + m.n);
      const to = at(m.at);
      return text.slice(0, to) + piece + text.slice(to);
    }
    case 'swap': {
      let [a, n, b, k] = [at(m.a), m.n, at(m.b), m.m];
      if (b < a) [a, n, b, k] = [b, k, a, n];
      n = Math.min(n, b - a);
      return text.slice(0, a) + text.slice(b, b + k) + text.slice(a + n, b) + text.slice(a, a + n) + text.slice(b + k);
    }
    case 'retype': {
      const v = valueAfter(text, at(m.a));
      return v ? text.slice(0, v.start) + m.value + text.slice(v.end) : text;
    }
    case 'insert': {
      const a = at(m.a);
      return text.slice(0, a) + m.chars + text.slice(a);
    }
  }
}

// Items shaped like each dialect's, with every field free to hold the wrong type.
const TYPES = [
  'openai.types.chat.chat_completion_chunk.ChatCompletionChunk', 'openai.types.chat.chat_completion.ChatCompletion', 'openai.types.completion.Completion',
  'openai.types.create_embedding_response.CreateEmbeddingResponse', 'openai.types.model.Model', 'ollama._types.GenerateResponse', 'ollama._types.ChatResponse',
  'ollama._types.EmbedResponse', 'ollama._types.ListResponse', 'llama_stack.apis.tools.ToolInvocationResult', 'some.other.Thing', '',
];
const loose = fc.jsonValue({ maxDepth: 2 });
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constant(null), fc.string({ unit: 'grapheme', maxLength: 6 }), loose);
const small = fc.oneof(fc.nat(3), fc.constant(null), loose);
const toolCall = fc.record({ index: small, id: text, type: text, function: fc.oneof(fc.record({ name: text, arguments: fc.oneof(text, loose) }, { requiredKeys: [] }), loose) }, { requiredKeys: [] });
const delta = fc.record({ role: text, content: text, reasoning_content: text, reasoning: text, refusal: text, tool_calls: fc.oneof(fc.array(toolCall, { maxLength: 3 }), loose) }, { requiredKeys: [] });
const choice = fc.record({ index: small, delta, message: delta, text, finish_reason: fc.oneof(fc.constantFrom('stop', 'length', 'tool_calls'), text) }, { requiredKeys: [] });
const usage = fc.oneof(fc.record({ prompt_tokens: small, completion_tokens: small, total_tokens: small }, { requiredKeys: [] }), loose);
const data = fc.record(
  {
    id: text, model: text, created: small, object: text, choices: fc.oneof(fc.array(choice, { maxLength: 3 }), loose), usage,
    response: text, thinking: text, done: fc.oneof(fc.boolean(), loose), done_reason: text, prompt_eval_count: small, eval_count: small,
    message: fc.oneof(fc.record({ role: text, content: text, thinking: text, tool_calls: fc.oneof(fc.array(toolCall, { maxLength: 2 }), loose) }, { requiredKeys: [] }), loose),
    candidates: fc.oneof(fc.array(fc.record({ content: fc.record({ parts: fc.array(fc.record({ text, thought: fc.boolean(), function_call: fc.record({ name: text, args: loose }) }, { requiredKeys: [] }), { maxLength: 3 }) }), finish_reason: text }, { requiredKeys: [] }), { maxLength: 2 }), loose),
    content: fc.oneof(text, loose), data: loose, embedding: loose,
  },
  { requiredKeys: [] },
);
const sseLine = fc.oneof(
  fc.constantFrom('', 'event: message_start', 'event: content_block_delta', 'data: [DONE]', 'event: interaction.start', ': comment'),
  fc.record({ type: fc.constantFrom('message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'error'), index: small, delta: fc.record({ type: fc.constantFrom('text_delta', 'thinking_delta', 'input_json_delta'), text, thinking: text, partial_json: text, stop_reason: text }, { requiredKeys: [] }), content_block: fc.record({ type: fc.constantFrom('text', 'thinking', 'tool_use'), id: text, name: text, input: loose, text }, { requiredKeys: [] }), message: loose, usage }, { requiredKeys: [] }).map((v) => `data: ${JSON.stringify(v)}`),
  fc.record({ event_type: fc.constantFrom('interaction.start', 'content.start', 'content.delta', 'content.stop', 'interaction.complete', 'error'), index: small, delta: fc.record({ type: fc.constantFrom('text', 'thought', 'function_call'), text, arguments: loose, name: text }, { requiredKeys: [] }), content: loose, interaction: loose }, { requiredKeys: [] }).map((v) => `data: ${JSON.stringify(v)}`),
  fc.string({ maxLength: 20 }).map((s) => `data: ${s}`),
);
const item = fc.oneof(
  { weight: 4, arbitrary: fc.record({ __type__: fc.constantFrom(...TYPES), __data__: fc.oneof({ weight: 4, arbitrary: data }, loose) }, { requiredKeys: ['__type__'] }) },
  { weight: 1, arbitrary: data },
  { weight: 2, arbitrary: sseLine },
  { weight: 1, arbitrary: loose },
);
const envelope = fc.record(
  {
    test_id: text,
    request: fc.oneof(
      fc.record({ method: text, url: text, headers: fc.oneof(fc.dictionary(fc.constantFrom('Authorization', 'x-api-key', 'Content-Type', 'API-KEY'), text), loose), body: fc.oneof(fc.record({ model: text, stream: fc.oneof(fc.boolean(), loose), messages: loose }, { requiredKeys: [] }), loose), endpoint: text, model: text, payload: loose, tool_name: text, kwargs: loose }, { requiredKeys: [] }),
      loose,
    ),
    response: fc.oneof(
      fc.record({ body: fc.oneof(fc.array(item, { maxLength: 8 }), item, fc.constant(null)), is_streaming: fc.oneof(fc.boolean(), loose), is_exception: fc.oneof(fc.boolean(), loose), exception_data: loose, status: fc.oneof(fc.constantFrom(200, 400, 500), loose) }, { requiredKeys: [] }),
      loose,
    ),
    id_normalization_mapping: loose,
  },
  { requiredKeys: ['response'] },
);

/** How a value is written: the recorder's indent-2, compact, CRLF line ends, or a BOM in front. */
const layout = fc.constantFrom('indent', 'compact', 'crlf', 'bom');
function writeJson(value: unknown, how: string): string {
  const pretty = JSON.stringify(value, null, 2) ?? 'null';
  if (how === 'compact') return JSON.stringify(value) ?? 'null';
  if (how === 'crlf') return pretty.replace(/\n/g, '\r\n');
  if (how === 'bom') return `\uFEFF${pretty}`;
  return pretty;
}

// ---------------------------------------------------------------------------------------------------

describe('fuzzing the core (fast-check)', function () {
  this.timeout(600_000);
  const bases = baseTexts();

  before(() => {
    console.log(`      fuzz seed ${SEED} (FUZZ_SEED to change, FUZZ_SCALE to scale the case counts); ${bases.length} base fixtures`);
  });

  after(() => {
    console.log(`      ${totalCases} cases in all`);
  });

  it('random bytes: decoding agrees with TextDecoder, and the analysis is well-formed', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 256 }),
      // Mostly-JSON bytes with a few bad ones: exercises the decoder's offsets and the parser behind it.
      fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 3 })).map(([v, bad]) => {
        const b = Buffer.from(JSON.stringify(v) ?? 'null', 'utf8');
        for (const [at, byte] of bad) if (b.length > 0) b[at % b.length] = byte;
        return new Uint8Array(b);
      }),
    );
    check('random bytes', 1, runs(30_000), fc.tuple(bytes, fc.nat()), ([input, probe]) => {
      const decoded = decodeFixtureBytes(input);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(input);
      } catch {
        valid = false;
      }
      const bad = firstInvalidUtf8(input);
      assert.equal(bad === -1, valid, 'firstInvalidUtf8 agrees with the platform decoder');
      if (!valid) {
        assert.equal(decoded.diagnostics.length, 1);
        assert.equal(decoded.diagnostics[0]?.code, 'not-text');
        assert.ok(decoded.diagnostics[0]?.message.includes(`byte offset ${bad})`), 'names the first bad byte');
      }
      const a = analyzeFixture(decoded.text, { prior: decoded.diagnostics });
      assertWellFormed(decoded.text, a, probe);
    });
  });

  it('random JSON texts (fc.json) and JSON values in every layout', () => {
    check('fc.json', 2, runs(15_000), fc.tuple(fc.json({ maxDepth: 4 }), fc.nat()), ([json, probe]) => {
      assertWellFormed(json, analyzeFixture(json, { fileName: 'deadbeef0123.json' }), probe);
    });
    check('fc.jsonValue', 3, runs(10_000), fc.tuple(fc.jsonValue({ maxDepth: 4 }), layout, fc.nat()), ([value, how, probe]) => {
      const t = writeJson(value, how);
      assertWellFormed(t, analyzeFixture(t), probe);
    });
  });

  it('random envelopes with items of every dialect holding wrong types', () => {
    const fileName = fc.constantFrom(undefined, 'fixture.json', '0123456789ab.json', `${'ab'.repeat(32)}.json`, 'models-0123456789ab-01234567.json');
    check('envelopes', 4, runs(20_000), fc.tuple(envelope, layout, fileName, fc.nat()), ([value, how, name, probe]) => {
      const t = writeJson(value, how);
      const a = analyzeFixture(t, name === undefined ? {} : { fileName: name });
      assertWellFormed(t, a, probe);
      assertRedactable(t, a);
    });
  });

  it('every dialect reassembles any items without throwing', () => {
    const response = fc.record({ status: fc.oneof(fc.constantFrom(200, 404, 500), loose), is_exception: fc.boolean(), exception_data: loose, exception_message: text }, { requiredKeys: [] });
    check('reassemble', 5, runs(20_000), fc.tuple(fc.constantFrom(...DIALECTS), fc.array(item, { maxLength: 10 }), response, fc.boolean()), ([dialect, items, resp, streaming]) => {
      const r = reassemble(dialect, items, resp, streaming);
      assert.equal(r.rows.length, items.length);
      const line = JSON.stringify(r.reassembly);
      assert.equal(JSON.stringify(JSON.parse(line)), line);
    });
  });

  it('real fixtures cut, swapped, deleted, duplicated, retyped and sprinkled with hostile characters', () => {
    assert.ok(bases.length >= 2, 'at least the two seeds');
    const input = fc.tuple(fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat());
    check('mutated fixtures', 6, runs(24_000), input, ([which, mutations, probe]) => {
      const base = bases[which] as { name: string; text: string };
      const t = mutations.reduce(mutate, base.text);
      const a = analyzeFixture(t, { fileName: base.name });
      assertWellFormed(t, a, probe);
      assertRedactable(t, a);
    });
  });

  it('secrets planted anywhere in real fixtures are found at their exact span and redact cleanly', () => {
    const secret = fc.oneof(
      fc.stringMatching(/^sk-proj-[A-Za-z0-9]{8}[0-9][A-Z][a-z][A-Za-z0-9_-]{20,40}$/),
      fc.stringMatching(/^AKIA[0-9A-Z]{16}$/),
      fc.stringMatching(/^ghp_[A-Za-z]{10}[0-9][A-Za-z0-9]{25}$/),
      fc.stringMatching(/^hf_[a-z]{10}[A-Z][A-Za-z]{23}$/),
    );
    // A fixture that already holds a credential (fixtures/broken/secret-in-fixture.json) reports a header
    // value as a whole, planted word included: plant only into fixtures with none.
    const clean = bases.filter((b) => !analyzeFixture(b.text).diagnostics.some((d) => d.code === 'secret-in-fixture'));
    const input = fc.tuple(fc.nat(clean.length - 1), fc.nat(), secret);
    check('planted secrets', 7, runs(4_000), input, ([which, where, s]) => {
      const base = (clean[which] as { text: string }).text;
      // Plant the secret as a word of the n-th string value (after its opening quote and a space).
      const v = valueAfter(base, where % (base.length + 1));
      const t = v && base.charAt(v.start) === '"' ? `${base.slice(0, v.start + 1)}${s} ${base.slice(v.start + 1)}` : base;
      const a = analyzeFixture(t);
      assertWellFormed(t, a);
      if (t !== base && !base.includes(s)) {
        const at = (v as { start: number }).start + 1;
        const hits = a.diagnostics.filter((d) => d.code === 'secret-in-fixture' && d.span.start === at);
        assert.equal(hits.length, 1, `the planted ${s.slice(0, 6)}… at ${at} is reported once`);
        assert.equal((hits[0] as { span: { end: number } }).span.end, at + s.length, 'exactly its characters');
      }
      assertRedactable(t, a);
    });
  });
});
