// `fixture-lens diff --format text`: per pair its status, paths and test, the one-phrase summary, then the
// word diffs (git's `[-removed-]{+added+}`) and changed values; a summary line at the end. The text is
// fixture text as it is: the command line escapes control characters before it reaches a terminal.
import { pairLines, type ReportLine } from './reportLines';
import { shortJson, shownParts } from './reportText';
import { summarize, whatChanged, type DiffPair, type DiffSummary } from './summary';

function wordsText(line: Extract<ReportLine, { kind: 'words' }>): string {
  return shownParts(line.parts)
    .map((p) => (p.op === 'insert' ? `{+${p.text}+}` : p.op === 'delete' ? `[-${p.text}-]` : p.op === 'gap' ? ` ${p.text} ` : p.text))
    .join('');
}

function lineText(line: ReportLine): string {
  switch (line.kind) {
    case 'words':
      return `${line.label}: ${wordsText(line)}`;
    case 'value':
      return `${line.section === 'request' ? 'request ' : ''}${line.label}: ${shortJson(line.old)} → ${shortJson(line.new)}`;
    case 'note':
      return line.text;
  }
}

function pairTitle(p: DiffPair): string {
  const paths = p.status === 'renamed' || (p.old !== null && p.new !== null && p.old !== p.new) ? `${p.old} → ${p.new}` : (p.new ?? p.old ?? '');
  return `${p.status.padEnd(10)}${paths}${p.diff.testId !== null ? `  (${p.diff.testId})` : ''}`;
}

export function summaryLine(s: DiffSummary): string {
  const noise = s.noiseOnly > 0 ? `, ${s.noiseOnly} of them noise only` : '';
  return `${s.pairs} fixture${s.pairs === 1 ? '' : 's'} compared: ${s.modified} modified${noise}, ${s.renamed} renamed, ${s.added} added, ${s.removed} removed, ${s.unchanged} unchanged; ${s.answersChanged} answer${s.answersChanged === 1 ? '' : 's'} changed, ${s.requestsChanged} request${s.requestsChanged === 1 ? '' : 's'} changed`;
}

export function textReport(pairs: readonly DiffPair[]): string {
  const out: string[] = [];
  for (const p of pairs) {
    out.push(pairTitle(p), `  ${whatChanged(p)}`);
    for (const block of pairLines(p)) {
      const indent = block.title ? '    ' : '  ';
      if (block.title) out.push(`  ${block.title}`);
      for (const line of block.lines) out.push(indent + lineText(line).replace(/\n/g, `\n${indent}  `));
    }
  }
  out.push(summaryLine(summarize(pairs)));
  return `${out.join('\n')}\n`;
}
