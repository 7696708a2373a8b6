// `fixture-lens diff --format markdown`: a report for `$GITHUB_STEP_SUMMARY` or a pull request comment. One
// table row per changed fixture (status, test, what changed), the noise-only ones folded away, then per
// fixture the answer's word diff and the request's changed paths. All fixture text is escaped (markdownEscape).
import { escapeHtml, escapeMarkdownInline, inlineCode } from './markdownEscape';
import { pairLines, type ReportLine } from './reportLines';
import { shortJson, shownParts } from './reportText';
import { isSemanticChange, summarize, whatChanged, type DiffPair } from './summary';

/** Fixtures given a section of their own; the rest are in the table only (a pull request comment holds 65,536 characters). */
export const MAX_SECTIONS = 50;

function fixtureCell(p: DiffPair): string {
  if (p.old !== null && p.new !== null && p.old !== p.new) return `${inlineCode(p.old)} → ${inlineCode(p.new)}`;
  return inlineCode(p.new ?? p.old ?? '');
}

function wordsBlock(line: Extract<ReportLine, { kind: 'words' }>): string {
  const body = shownParts(line.parts)
    .map((p) => (p.op === 'insert' ? `<ins>${escapeHtml(p.text)}</ins>` : p.op === 'delete' ? `<del>${escapeHtml(p.text)}</del>` : p.op === 'gap' ? `<i>${escapeHtml(p.text)}</i>` : escapeHtml(p.text)))
    .join('');
  return `${escapeMarkdownInline(line.label)}:\n\n<pre>\n${body}\n</pre>\n`;
}

function listItem(line: Exclude<ReportLine, { kind: 'words' }>): string {
  if (line.kind === 'note') return `- ${escapeMarkdownInline(line.text)}`;
  return `- ${line.section === 'request' ? 'request ' : ''}${inlineCode(line.label)}: ${inlineCode(shortJson(line.old))} → ${inlineCode(shortJson(line.new))}`;
}

function section(p: DiffPair): string {
  const out: string[] = [`#### ${p.status} ${fixtureCell(p)}`, ''];
  for (const block of pairLines(p)) {
    if (block.title) out.push(`**${escapeMarkdownInline(block.title)}**`, '');
    let list: string[] = [];
    const flush = (): void => {
      if (list.length > 0) out.push(...list, '');
      list = [];
    };
    for (const line of block.lines) {
      if (line.kind === 'words') {
        flush();
        out.push(wordsBlock(line));
      } else list.push(listItem(line));
    }
    flush();
  }
  return out.join('\n');
}

export function markdownReport(pairs: readonly DiffPair[]): string {
  const s = summarize(pairs);
  const changed = pairs.filter(isSemanticChange);
  const quiet = pairs.filter((p) => !isSemanticChange(p));
  const out: string[] = [
    '### Fixture changes',
    '',
    `${s.pairs} fixture${s.pairs === 1 ? '' : 's'} compared: ${s.modified} modified (${s.noiseOnly} noise only), ${s.renamed} renamed, ${s.added} added, ${s.removed} removed, ${s.unchanged} unchanged; ${s.answersChanged} answer${s.answersChanged === 1 ? '' : 's'} changed, ${s.requestsChanged} request${s.requestsChanged === 1 ? '' : 's'} changed.`,
    '',
  ];
  if (changed.length > 0) {
    out.push('| Status | Fixture | Test | What changed |', '| --- | --- | --- | --- |');
    for (const p of changed) out.push(`| ${p.status} | ${fixtureCell(p)} | ${p.diff.testId !== null ? inlineCode(p.diff.testId) : '—'} | ${escapeMarkdownInline(whatChanged(p))} |`);
    out.push('');
  }
  if (quiet.length > 0) {
    out.push(`<details><summary>${quiet.length} fixture${quiet.length === 1 ? '' : 's'} with no change but noise (ids, timestamps, chunk boundaries)</summary>`, '');
    for (const p of quiet) out.push(`- ${fixtureCell(p)}: ${escapeMarkdownInline(whatChanged(p))}`);
    out.push('', '</details>', '');
  }
  for (const p of changed.slice(0, MAX_SECTIONS)) out.push(section(p));
  if (changed.length > MAX_SECTIONS) out.push(`*${changed.length - MAX_SECTIONS} more changed fixtures are in the table only; \`--format json\` has them all.*`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
