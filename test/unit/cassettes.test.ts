// The core over every real cassette in ../shared/cassettes (ten recorders' formats): each read as its
// folder's format with the manifest's count of exchanges, no error, every streamed answer non-empty, every
// tool call's arguments JSON, and sixteen answers equal to what an independent reading of the file says
// (test/unit/cassette-expected/extract.py: PyYAML, gzip, base64 and a few lines per API).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeFixture, decodeFixtureBytes, type FixtureAnalysis } from '../../src/core';
import { isLlmDialect } from '../../src/core/cassette/llmDialects';
import { sharedDir } from '../support/paths';
import expected from './cassette-expected/cassette-expected.json';

interface Row {
  readonly file: string;
  readonly format: string;
  readonly streamed: string;
  readonly interactions: number;
}

const TEXTLESS = new Set(['openai-embeddings', 'openai-models', 'ollama-embed', 'ollama-list', 'http']);

function readManifest(dir: string): Row[] {
  const [head, ...lines] = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n');
  const cols = (head ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    const at = (name: string): string => cells[cols.indexOf(name)] ?? '';
    return { file: at('file'), format: at('format'), streamed: at('streamed'), interactions: Number(at('interactions')) };
  });
}

describe('the real cassettes in ../shared/cassettes', function () {
  const shared = sharedDir();
  const cassettes = shared ? join(shared, 'cassettes') : undefined;
  const files: { row: Row; analysis: FixtureAnalysis }[] = [];

  before(function () {
    if (!cassettes || !existsSync(cassettes)) {
      console.log('    ../shared/cassettes is absent: the cassette tests are skipped');
      this.skip();
    }
    for (const row of readManifest(cassettes as string)) {
      const decoded = decodeFixtureBytes(readFileSync(join(cassettes as string, row.file)));
      files.push({ row, analysis: analyzeFixture(decoded.text, { fileName: basename(row.file), prior: decoded.diagnostics }) });
    }
  });

  it('reads 114 files, each as its folder\'s format, with as many exchanges as the manifest counts', () => {
    assert.equal(files.length, 114);
    const wrong = files.filter((f) => f.analysis.format !== f.row.format || f.analysis.exchanges.length !== f.row.interactions);
    assert.deepEqual(wrong.map((f) => `${f.row.file}: ${f.analysis.format}, ${f.analysis.exchanges.length} exchanges`), []);
  });

  it('finds no error in any of them', () => {
    const errors = files.flatMap((f) => f.analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.row.file}: ${d.code} ${d.message}`));
    assert.deepEqual(errors, []);
  });

  it('reassembles every streamed LLM answer to something (text, reasoning, refusal or a tool call)', () => {
    // chatlas records an empty answer on purpose (its test is "empty response"): it must read as exactly that.
    const emptyByDesign = 'vcrpy/posit-dev+chatlas__tests___vcr__test_provider_anthropic__test_anthropic_empty_response.yaml';
    const designed = files.find((f) => f.row.file === emptyByDesign)?.analysis.exchanges[0]?.reassembly.choices;
    assert.deepEqual(designed, [{ index: 0, role: 'assistant', content: '', reasoning: '', refusal: null, toolCalls: [], finishReason: 'end_turn' }]);
    const empty: string[] = [];
    let streams = 0;
    for (const f of files) {
      for (const e of f.analysis.exchanges) {
        if (!e.streaming || !isLlmDialect(e.dialect) || TEXTLESS.has(e.dialect) || (e.status !== null && e.status >= 400)) continue;
        streams++;
        const said = e.reassembly.choices.some((c) => c.content !== '' || c.reasoning !== '' || (c.refusal ?? '') !== '' || c.toolCalls.length > 0);
        if (!said && !(f.row.file === emptyByDesign && e.index === 0)) empty.push(`${f.row.file} exchange ${e.index} (${e.dialect}, ${e.items.length} events)`);
      }
    }
    assert.deepEqual(empty, []);
    assert.ok(streams >= 60, `only ${streams} streamed LLM answers were found`);
  });

  it('gives tool-call arguments that parse as JSON', () => {
    const bad: string[] = [];
    let calls = 0;
    for (const f of files) {
      for (const e of f.analysis.exchanges) {
        for (const c of e.reassembly.choices) {
          for (const t of c.toolCalls) {
            calls++;
            try {
              JSON.parse(t.arguments);
            } catch {
              bad.push(`${f.row.file} exchange ${e.index}: ${t.name} ${t.arguments.slice(0, 80)}`);
            }
          }
        }
      }
    }
    assert.deepEqual(bad, []);
    assert.ok(calls >= 20, `only ${calls} tool calls were found`);
  });

  it('reassembles sixteen answers exactly as an independent reading of the files does', () => {
    assert.equal(expected.length, 16);
    for (const x of expected) {
      const f = files.find((g) => g.row.file === `${x.format}/${x.file}`);
      assert.ok(f, `${x.file} is in the manifest`);
      const e = f.analysis.exchanges[x.exchange];
      assert.ok(e, `${x.file} has exchange ${x.exchange}`);
      const what = `${x.file} exchange ${x.exchange}`;
      assert.equal(e.url, x.url, what);
      const c = e.reassembly.choices[0];
      assert.equal(c?.content ?? '', x.content, what);
      assert.equal(c?.reasoning ?? '', x.reasoning, what);
      assert.equal(c?.refusal ?? null, x.refusal, what);
      // Arguments given whole are compared as JSON values: their spacing is the serializer's, not the answer's.
      assert.deepEqual(
        (c?.toolCalls ?? []).map((t) => ({ name: t.name, arguments: JSON.parse(t.arguments) as unknown })),
        x.toolCalls.map((t) => ({ name: t.name, arguments: JSON.parse(t.arguments) as unknown })),
        what,
      );
    }
  });
});
