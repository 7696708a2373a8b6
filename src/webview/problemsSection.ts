// The file's problems at the top of the transcript: severity, code, the chunk it is in (as the timeline numbers it),
// message, line:col and the other places of the same defect; each one a button that shows its range in a text editor.
import type { ProblemView, Severity, Transcript } from '../shared/protocol';
import { formatCount, h, icon } from './dom';
import { collapsible } from './sections';
import type { ViewState } from './viewState';

const SEVERITY_ICON: Readonly<Record<ProblemView['severity'], string>> = { error: 'error', warning: 'warning', info: 'info' };
const SEVERITY_PLURAL: Readonly<Record<Severity, [string, string]>> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['info', 'info'] };

export function problemsSection(state: ViewState, transcript: Transcript, reveal: (index: number) => void): HTMLElement | null {
  if (transcript.problemCount === 0) return null;
  const list = h('ul', { class: 'problems', attrs: { 'aria-label': 'Problems' } });
  const many = transcript.exchanges.length > 1;
  transcript.problems.forEach((p, index) => {
    const unit = transcript.exchanges[p.exchange ?? 0]?.unit ?? 'chunk';
    const where = [many && p.exchange !== null ? `exchange ${p.exchange + 1}` : null, p.chunk !== null ? `${unit} ${p.chunk}` : null].filter(Boolean).join(', ');
    const button = h(
      'button',
      { class: `problem severity-${p.severity}`, attrs: { type: 'button', 'aria-label': `${p.severity} ${p.code}${where ? ` in ${where}` : ''}: ${p.message}, line ${p.line} column ${p.column}` } },
      icon(SEVERITY_ICON[p.severity]),
      h('span', { class: 'problem-code' }, p.code),
      where ? h('span', { class: 'problem-where' }, where) : null,
      h('span', { class: 'problem-message' }, p.message),
      h('span', { class: 'problem-position muted' }, `${p.line}:${p.column}`),
    );
    button.addEventListener('click', () => reveal(index));
    const item = h('li', {}, button);
    if (p.related.length > 0) {
      item.append(h('ul', { class: 'problem-related', attrs: { 'aria-label': 'Also at' } }, ...p.related.map((r) => h('li', {}, h('span', { class: 'problem-message' }, r.message), ' ', h('span', { class: 'problem-position muted' }, `${r.line}:${r.column}`)))));
    }
    list.append(item);
  });
  if (transcript.problemCount > transcript.problems.length) {
    list.append(h('li', { class: 'muted note' }, `… and ${formatCount(transcript.problemCount - transcript.problems.length)} more: see the Problems panel.`));
  }
  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, transcript.problems.filter((p) => p.severity === s).length] as const).filter(([, n]) => n > 0);
  const worst = counts[0]?.[0] ?? 'info';
  const summary = [icon(SEVERITY_ICON[worst]), ` Problems (${formatCount(transcript.problemCount)})`, h('span', { class: 'muted' }, ` ${counts.map(([s, n]) => `${formatCount(n)} ${SEVERITY_PLURAL[s][n === 1 ? 0 : 1]}`).join(', ')}`)];
  return h('section', { class: 'problems-section', attrs: { 'aria-label': 'Problems' } }, collapsible(state, 'problems', true, summary, list));
}
