// `fixture-lens reassemble FILE... [--json]` as CLI-CONTRACT.md specifies: one answer per exchange, in argument
// order and then file order; an unreadable file or one that is no fixture is named on stderr and the others are
// still printed (exit 2 at the end).
import type { ExchangeAnalysis, FixtureAnalysis, Reassembly } from '../core';
import { readFixture, UnreadableFile } from './readFixture';
import { terminalLine, terminalText } from './terminalText';

export function reassembleCommand(files: readonly string[], json: boolean, write: (s: string) => void, writeError: (s: string) => void = () => {}): number {
  let trouble = false;
  for (const file of files) {
    let read;
    try {
      read = readFixture(file);
    } catch (e) {
      if (!(e instanceof UnreadableFile)) throw e;
      trouble = true;
      writeError(`fixture-lens: ${terminalLine(file)}: ${terminalLine(e.message)}\n`);
      continue;
    }
    const { analysis } = read;
    if (!read.isFixture || analysis.exchanges.length === 0 || (analysis.format === 'ogx' && analysis.response === undefined)) {
      trouble = true;
      const first = analysis.diagnostics.find((d) => d.severity === 'error');
      writeError(`fixture-lens: ${terminalLine(file)}: not a fixture${first ? ` (${terminalLine(first.message)})` : analysis.format === 'ogx' ? ' (no "response" object)' : ' (no exchange)'}\n`);
      continue;
    }
    for (const e of analysis.exchanges) {
      if (json) write(`${JSON.stringify(exchangeLine(file, analysis, e))}\n`);
      else write(humanReadable(file, analysis, e));
    }
  }
  return trouble ? 2 : 0;
}

function exchangeLine(file: string, analysis: FixtureAnalysis, e: ExchangeAnalysis): Record<string, unknown> {
  return { file, format: analysis.format, exchange: e.index, method: e.method, url: e.url, status: e.status, ...e.reassembly };
}

function humanReadable(file: string, analysis: FixtureAnalysis, e: ExchangeAnalysis): string {
  const r: Reassembly = e.reassembly;
  const where = analysis.exchanges.length > 1 ? ` exchange ${e.index + 1} of ${analysis.exchanges.length}: ${e.method} ${e.url}${e.status !== null ? ` → ${e.status}` : ''};` : '';
  const out: string[] = [`== ${terminalLine(file)}${terminalLine(where)} (${r.dialect}${r.streaming ? `, ${r.chunkCount} chunks` : ''}${r.model ? `, ${terminalLine(r.model)}` : ''})`];
  if (r.error) out.push(`error: ${terminalLine(r.error.type ?? 'error')}${r.error.statusCode !== null ? ` ${r.error.statusCode}` : ''}: ${terminalText(r.error.message ?? '')}`);
  for (const c of r.choices) {
    if (r.choices.length > 1) out.push(`-- choice ${c.index}`);
    if (c.reasoning) out.push(`[reasoning]\n${terminalText(c.reasoning)}\n[/reasoning]`);
    if (c.content) out.push(terminalText(c.content));
    if (c.refusal !== null) out.push(`[refusal] ${terminalText(c.refusal)}`);
    for (const t of c.toolCalls) out.push(`[tool call ${t.index}] ${terminalLine(t.name ?? '?')}(${terminalText(t.arguments)})${t.id ? ` id=${terminalLine(t.id)}` : ''}`);
    if (c.finishReason) out.push(`[finish: ${terminalLine(c.finishReason)}]`);
  }
  if (r.choices.length === 0 && !r.error) out.push(e.dialect === 'http' ? '(not an LLM call)' : '(no text in this response)');
  if (r.usage) out.push(`[usage: ${r.usage.promptTokens ?? '?'} prompt + ${r.usage.completionTokens ?? '?'} completion = ${r.usage.totalTokens ?? '?'} tokens]`);
  return `${out.join('\n')}\n`;
}
