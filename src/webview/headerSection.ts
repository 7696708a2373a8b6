// The transcript's header: what the fixture is for (the test that recorded it, copyable) and what it called — the
// provider and host, the endpoint, the model asked for and the model that answered, streamed or not, when recorded.
import type { HeaderView } from '../shared/protocol';
import { h, icon } from './dom';

/** One fact as a term and its value, kept together when the facts wrap. */
function fact(label: string, value: string | HTMLElement, title?: string): HTMLElement[] {
  return [h('div', { class: 'header-fact' }, h('dt', {}, `${label}:`), h('dd', { attrs: title ? { title } : {} }, value))];
}

export function headerSection(header: HeaderView, copy: (text: string) => void): HTMLElement {
  const section = h('section', { class: 'fixture-header', attrs: { 'aria-label': 'What the fixture records' } });
  if (header.testId) {
    const copyButton = h('button', { class: 'icon-button', attrs: { type: 'button', title: 'Copy the test id', 'aria-label': 'Copy the test id' } }, icon('copy'));
    copyButton.addEventListener('click', () => copy(header.testId ?? ''));
    section.append(h('div', { class: 'test-id' }, icon('beaker'), h('span', { class: 'sr-only' }, 'Test: '), h('code', { class: 'test-id-text' }, header.testId), copyButton));
  }
  const facts = h('dl', { class: 'header-facts' });
  if (header.provider || header.host) {
    const provider = [header.provider, header.host && header.host !== header.provider ? `(${header.host})` : null].filter(Boolean).join(' ');
    facts.append(...fact('Provider', provider));
  }
  if (header.endpoint) facts.append(...fact('Endpoint', [header.method, header.endpoint].filter(Boolean).join(' ')));
  const requested = header.modelRequested;
  const answered = header.modelAnswered;
  if (requested || answered) {
    const model = requested && answered && requested !== answered ? `${requested} → ${answered}` : (requested ?? answered ?? '');
    facts.append(...fact('Model', model, requested && answered && requested !== answered ? `asked for ${requested}, answered by ${answered}` : undefined));
  }
  facts.append(...fact('Stream', header.streamed ? 'streamed' : 'not streamed'));
  if (header.status !== null) facts.append(...fact('Status', String(header.status)));
  if (header.recordedAt) facts.append(...fact('Recorded', header.recordedAt));
  facts.append(...fact('Format', header.format));
  section.append(facts);
  return section;
}
