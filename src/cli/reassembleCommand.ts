// `fixture-lens reassemble FILE... [--json]` as CLI-CONTRACT.md specifies.
import type { Reassembly } from '../core';
import { readFixture } from './readFixture';
import { UsageError } from './walk';

export function reassembleCommand(files: readonly string[], json: boolean, write: (s: string) => void): number {
  for (const file of files) {
    const { analysis } = readFixture(file);
    if (analysis.value === undefined || analysis.response === undefined) {
      const first = analysis.diagnostics.find((d) => d.severity === 'error');
      throw new UsageError(`${file}: not a fixture${first ? ` (${first.message})` : ' (no "response" object)'}`);
    }
    const r = analysis.reassembly;
    if (json) write(`${JSON.stringify({ file, ...r })}\n`);
    else write(humanReadable(file, r));
  }
  return 0;
}

function humanReadable(file: string, r: Reassembly): string {
  const out: string[] = [`== ${file} (${r.dialect}${r.streaming ? `, ${r.chunkCount} chunks` : ''}${r.model ? `, ${r.model}` : ''})`];
  if (r.error) out.push(`error: ${r.error.type ?? 'error'}${r.error.statusCode !== null ? ` ${r.error.statusCode}` : ''}: ${r.error.message ?? ''}`);
  for (const c of r.choices) {
    if (r.choices.length > 1) out.push(`-- choice ${c.index}`);
    if (c.reasoning) out.push(`[reasoning]\n${c.reasoning}\n[/reasoning]`);
    if (c.content) out.push(c.content);
    if (c.refusal !== null) out.push(`[refusal] ${c.refusal}`);
    for (const t of c.toolCalls) out.push(`[tool call ${t.index}] ${t.name ?? '?'}(${t.arguments})${t.id ? ` id=${t.id}` : ''}`);
    if (c.finishReason) out.push(`[finish: ${c.finishReason}]`);
  }
  if (r.choices.length === 0 && !r.error) out.push('(no text in this response)');
  if (r.usage) out.push(`[usage: ${r.usage.promptTokens ?? '?'} prompt + ${r.usage.completionTokens ?? '?'} completion = ${r.usage.totalTokens ?? '?'} tokens]`);
  return `${out.join('\n')}\n`;
}
