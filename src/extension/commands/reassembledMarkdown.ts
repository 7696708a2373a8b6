// The "Reassemble Stream" document: a fixture's answer put back together, as Markdown meant to be read
// as text. The model's own text (content, reasoning, refusal) is Markdown already and goes in as
// written, reasoning and refusal as block quotes; every name, id or value taken from the file is an
// inline code span or a fenced block, so it reads verbatim and cannot change the document's structure.
import type { Choice, FixtureAnalysis, Reassembly, ToolCall, Usage } from '../../core';
import { fencedBlock, inlineCode } from '../language/markdownText';

export function reassembledMarkdown(fileName: string, analysis: Pick<FixtureAnalysis, 'reassembly' | 'diagnostics'>): string {
  const r = analysis.reassembly;
  const blocks: string[] = [`# Reassembled message: ${inlineCode(fileName)}`, summaryLine(r)];
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    blocks.push(`> **Warning:** this fixture has ${errors === 1 ? '1 error' : `${errors} errors`} (see the Problems panel); below is what could be put back together.`);
  }
  if (r.error) blocks.push(...errorBlocks(r.error));
  const many = r.choices.length > 1;
  for (const c of r.choices) blocks.push(...choiceBlocks(c, many));
  if (r.choices.length === 0 && !r.error) blocks.push(`*This response carries no text (${inlineCode(r.dialect)}).*`);
  if (r.usage) blocks.push('## Usage', usageLine(r.usage));
  return `${blocks.join('\n\n')}\n`;
}

function summaryLine(r: Reassembly): string {
  const parts = [inlineCode(r.dialect)];
  if (r.model) parts.push(inlineCode(r.model));
  if (r.streaming) parts.push(`${r.chunkCount.toLocaleString('en-US')} ${r.chunkCount === 1 ? 'chunk' : 'chunks'}`);
  return parts.join(' · ');
}

function choiceBlocks(c: Choice, many: boolean): string[] {
  const role = c.role === 'assistant' ? 'Assistant' : inlineCode(c.role);
  const out = [many ? `## Choice ${c.index} · ${role}` : `## ${role}`];
  if (c.reasoning !== '') out.push('### Reasoning', quoted(c.reasoning));
  if (c.content !== '') out.push(c.content);
  if (c.refusal !== null) out.push('### Refusal', quoted(c.refusal));
  for (const t of c.toolCalls) out.push(...toolCallBlocks(t));
  if (c.content === '' && c.reasoning === '' && c.refusal === null && c.toolCalls.length === 0) out.push('*No text.*');
  out.push(c.finishReason === null ? '*No finish reason.*' : `*Finish reason:* ${inlineCode(c.finishReason)}`);
  return out;
}

function toolCallBlocks(t: ToolCall): string[] {
  const title = `### Tool call ${t.index}: ${t.name === null ? '(no name)' : inlineCode(t.name)}`;
  const facts: string[] = [];
  if (t.id !== null) facts.push(`id ${inlineCode(t.id)}`);
  if (t.type !== null) facts.push(`type ${inlineCode(t.type)}`);
  const out = facts.length > 0 ? [title, facts.join(' · ')] : [title];
  let pretty: string | undefined;
  try {
    pretty = JSON.stringify(JSON.parse(t.arguments), null, 2);
  } catch {
    pretty = undefined;
  }
  if (pretty !== undefined) out.push(fencedBlock(pretty, 'json'));
  else if (t.arguments === '') out.push('*No arguments.*');
  else out.push('*Arguments (not valid JSON):*', fencedBlock(t.arguments, 'text'));
  return out;
}

function errorBlocks(e: NonNullable<Reassembly['error']>): string[] {
  const head = [e.type === null ? 'Error' : inlineCode(e.type)];
  if (e.statusCode !== null) head.push(`status ${e.statusCode}`);
  return ['## Recorded error', head.join(' · '), ...(e.message === null ? [] : [quoted(e.message)])];
}

function usageLine(u: Usage): string {
  const n = (v: number | null): string => (v === null ? '?' : v.toLocaleString('en-US'));
  return `${n(u.promptTokens)} prompt + ${n(u.completionTokens)} completion = ${n(u.totalTokens)} tokens`;
}

/** The model's text as a block quote: every line quoted, so a blank line does not end the quote early. */
function quoted(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}
