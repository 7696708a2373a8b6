// The file's problems at the top of the transcript: severity, code, message and line:col; each one a button that
// shows its range in a text editor beside.
import type { ProblemView, Transcript } from '../shared/protocol';
import { formatCount, h, icon } from './dom';
import { collapsible } from './sections';
import type { ViewState } from './viewState';

const SEVERITY_ICON: Readonly<Record<ProblemView['severity'], string>> = { error: 'error', warning: 'warning', info: 'info' };

export function problemsSection(state: ViewState, transcript: Transcript, reveal: (index: number) => void): HTMLElement | null {
  if (transcript.problemCount === 0) return null;
  const list = h('ul', { class: 'problems', attrs: { 'aria-label': 'Problems' } });
  transcript.problems.forEach((p, index) => {
    const button = h(
      'button',
      { class: `problem severity-${p.severity}`, attrs: { type: 'button', 'aria-label': `${p.severity} ${p.code}: ${p.message}, line ${p.line} column ${p.column}` } },
      icon(SEVERITY_ICON[p.severity]),
      h('span', { class: 'problem-code' }, p.code),
      h('span', { class: 'problem-message' }, p.message),
      h('span', { class: 'problem-position muted' }, `${p.line}:${p.column}`),
    );
    button.addEventListener('click', () => reveal(index));
    list.append(h('li', {}, button));
  });
  if (transcript.problemCount > transcript.problems.length) {
    list.append(h('li', { class: 'muted note' }, `… and ${formatCount(transcript.problemCount - transcript.problems.length)} more: see the Problems panel.`));
  }
  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, transcript.problems.filter((p) => p.severity === s).length] as const).filter(([, n]) => n > 0);
  const summary = [icon('warning'), ` Problems (${formatCount(transcript.problemCount)})`, h('span', { class: 'muted' }, ` ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`)];
  return h('section', { class: 'problems-section', attrs: { 'aria-label': 'Problems' } }, collapsible(state, 'problems', true, summary, list));
}
