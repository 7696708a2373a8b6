// Collapsible <details> sections whose open/closed state survives re-renders and hide/show (keyed in the view state).
import { append, h, type Child } from './dom';
import type { ViewState } from './viewState';

export function collapsible(state: ViewState, key: string, defaultOpen: boolean, summary: Child[], ...body: Child[]): HTMLDetailsElement {
  const details = h('details', { class: 'section', attrs: { 'data-state-key': key } });
  details.open = state.isOpen(key, defaultOpen);
  const head = h('summary', { class: 'section-summary' });
  append(head, ...summary);
  append(details, head, ...body);
  details.addEventListener('toggle', () => state.setOpen(key, details.open));
  return details;
}
