// The Markdown of the chunk hover: which chunk this is, what it adds, the text assembled so far and
// the problems found in it. Chunks are numbered from 1 for people ("Chunk 12 of 31"), as the transcript's
// timeline numbers them, and the JSON path beside it keeps the 0-based index ("response.body[11]") that the
// file and the CLI use. An OGX raw-SSE recording's lines are numbered by event, as the timeline groups them.
// A problem is named and explained, not quoted: VS Code's own hover already shows its message.
import { explain, formatPath, type ExchangeAnalysis, type FixtureDiagnostic } from '../../core';
import { sseLineGroups, type RowSpan } from '../transcript/timelineRows';
import { escapeMarkdownText, fencedBlock, inlineCode, lastChars } from './markdownText';

/** How much of the assembled text a hover shows: its end, where this chunk's delta landed. */
export const ASSEMBLED_TEXT_LIMIT = 500;

/** What a hover is about: one exchange of the file, and where it stands among the file's exchanges. */
export type HoverSubject = Pick<ExchangeAnalysis, 'rows' | 'reassembly' | 'items' | 'itemPath' | 'dialect' | 'streaming' | 'index'> & {
  /** How many exchanges the file records (1 for an OGX recording). */
  readonly exchangeCount: number;
  /** OGX recordings store SDK chunks; cassettes store a stream's events. */
  readonly unit: 'chunk' | 'event';
};

export function chunkHoverText(analysis: HoverSubject, item: number, problems: readonly FixtureDiagnostic[]): string {
  const events = analysis.unit === 'chunk' ? sseLineGroups(analysis.items) : undefined;
  if (events) return eventHoverText(analysis, events, item, problems);
  const blocks: string[] = [heading(analysis, item)];
  const row = analysis.rows[item];
  if (row) {
    const multipleChoices = analysis.reassembly.choices.length > 1;
    if (multipleChoices && row.choice !== null) blocks.push(`Choice ${row.choice}`);
    const delta: string[] = [];
    if (row.reasoning !== '') delta.push('Reasoning delta:', fencedBlock(row.reasoning));
    if (row.content !== '') delta.push('Content delta:', fencedBlock(row.content));
    if (row.refusal !== '') delta.push('Refusal delta:', fencedBlock(row.refusal));
    if (row.tool !== '') delta.push('Tool call delta:', fencedBlock(row.tool));
    if (row.finishReason !== null) delta.push(`Finish reason: ${inlineCode(row.finishReason)}`);
    if (row.usage) delta.push('This chunk carries the token usage.');
    blocks.push(...(delta.length > 0 ? delta : ['This chunk adds no text.']));
    if (row.choice !== null) {
      const choice = analysis.reassembly.choices.find((c) => c.index === row.choice);
      const soFar = (choice?.content ?? '').slice(0, row.assembledLength);
      blocks.push(...assembledText(soFar, row.choice));
    }
  }
  if (problems.length > 0) blocks.push('---', problemsText(problems));
  return blocks.join('\n\n');
}

/** The problems at a place, each by its code and where it is, with what the code means (the message is VS Code's to show). */
export function problemsText(problems: readonly FixtureDiagnostic[]): string {
  return problems
    .map((d) => `**${capitalized(d.severity)}** ${inlineCode(d.code)} at ${inlineCode(formatPath(d.path))}${d.related && d.related.length > 0 ? ` and ${d.related.length} more ${d.related.length === 1 ? 'place' : 'places'}` : ''}\n\n*${escapeMarkdownText(explain(d.code))}*`)
    .join('\n\n');
}

/** The hover of one line of a raw SSE recording: the event it belongs to, numbered as the timeline does. */
function eventHoverText(analysis: HoverSubject, events: readonly RowSpan[], item: number, problems: readonly FixtureDiagnostic[]): string {
  let at = events.findIndex((e) => e.first <= item && item <= e.last);
  if (at === -1) at = 0;
  const event = events[at] as RowSpan;
  const first = formatPath(analysis.itemPath(event.first));
  const lines = event.first === event.last ? inlineCode(first) : `${inlineCode(first)} … ${inlineCode(formatPath(analysis.itemPath(event.last)))}`;
  const blocks = [`**Event ${at + 1} of ${events.length}** (${lines}) · ${escapeMarkdownText(analysis.dialect)}`];
  const delta: string[] = [];
  let choice: number | null = null;
  let assembled = 0;
  for (let i = event.first; i <= event.last; i++) {
    const row = analysis.rows[i];
    if (!row) continue;
    if (row.reasoning !== '') delta.push('Reasoning delta:', fencedBlock(row.reasoning));
    if (row.content !== '') delta.push('Content delta:', fencedBlock(row.content));
    if (row.tool !== '') delta.push('Tool call delta:', fencedBlock(row.tool));
    if (row.finishReason !== null) delta.push(`Finish reason: ${inlineCode(row.finishReason)}`);
    if (row.usage) delta.push('This event carries the token usage.');
    if (row.choice !== null) {
      choice = row.choice;
      assembled = row.assembledLength;
    }
  }
  blocks.push(...(delta.length > 0 ? delta : ['This event adds no text.']));
  if (choice !== null) {
    const text = analysis.reassembly.choices.find((c) => c.index === choice)?.content ?? '';
    blocks.push(...assembledText(text.slice(0, assembled), choice));
  }
  if (problems.length > 0) blocks.push('---', problemsText(problems));
  return blocks.join('\n\n');
}

function heading(analysis: HoverSubject, item: number): string {
  const path = inlineCode(formatPath(analysis.itemPath(item)));
  const dialect = escapeMarkdownText(analysis.dialect);
  // In a cassette, the answer's items are the events of one exchange among several.
  const exchange = analysis.exchangeCount > 1 ? `Exchange ${analysis.index + 1} of ${analysis.exchangeCount} · ` : '';
  // A single body object is the whole answer, not one chunk of a stream.
  if (!analysis.streaming && analysis.items.length <= 1) return `**${exchange}Response body** (${path}) · ${dialect}`;
  const unit = analysis.unit === 'event' ? (exchange === '' ? 'Event' : 'event') : 'Chunk';
  return `**${exchange}${unit} ${item + 1} of ${analysis.items.length}** (${path}) · ${dialect}`;
}

function assembledText(soFar: string, choice: number): string[] {
  if (soFar === '') return [`Text so far (choice ${choice}): none yet.`];
  const count = soFar.length.toLocaleString('en-US');
  const label =
    soFar.length > ASSEMBLED_TEXT_LIMIT
      ? `Text so far (choice ${choice}, last ${ASSEMBLED_TEXT_LIMIT} of ${count} characters):`
      : `Text so far (choice ${choice}, ${count} characters):`;
  return [label, fencedBlock(lastChars(soFar, ASSEMBLED_TEXT_LIMIT))];
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
