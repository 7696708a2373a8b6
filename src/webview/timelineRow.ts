// One row element of the timeline, built once and then pointed at whatever chunk scrolls under it. Scrolling
// changes a score of rows every frame: setting their text in place, and only where it changed, keeps each frame to
// a few text updates instead of a few hundred new elements to style and lay out.
import type { RowView } from '../shared/protocol';
import { h, icon } from './dom';

export const ROW_HEIGHT = 22;

/** Line breaks and tabs made visible: a delta's exact text matters in a timeline. */
function visible(s: string): string {
  return s.replace(/\r?\n/g, '⏎').replace(/\t/g, '⇥');
}

function describe(row: RowView, unit: string): string {
  const parts = [`${unit === 'event' ? 'Event' : 'Chunk'} ${row.number}`];
  if (row.choice !== null) parts.push(`choice ${row.choice}`);
  if (row.content) parts.push(`text ${JSON.stringify(row.content)}`);
  if (row.reasoning) parts.push(`reasoning ${JSON.stringify(row.reasoning)}`);
  if (row.refusal) parts.push(`refusal ${JSON.stringify(row.refusal)}`);
  if (row.tool) parts.push(`tool ${row.tool}`);
  if (row.finishReason) parts.push(`finish ${row.finishReason}`);
  if (row.usage) parts.push('usage');
  if (row.severity) parts.push(`has ${row.severity}`);
  return parts.join(', ');
}

/** A span holding an optional icon and a text node, shown only when it has text. */
class Part {
  readonly element: HTMLElement;
  private readonly text = document.createTextNode('');

  constructor(className: string, iconName?: string, title?: string) {
    this.element = h('span', { class: className, attrs: title ? { title } : {} }, iconName ? icon(iconName) : null);
    this.element.append(this.text);
    this.element.hidden = true;
  }

  set(value: string): void {
    if (this.text.data !== value) this.text.data = value;
    this.element.hidden = value === '';
  }
}

export class TimelineRow {
  readonly element = h('div', { class: 'timeline-row', attrs: { role: 'option' } });
  private readonly index = h('span', { class: 'col-index' });
  private readonly choice = h('span', { class: 'col-choice muted' });
  private readonly delta = h('span', { class: 'col-delta' });
  private readonly reasoning = new Part('delta-reasoning', 'lightbulb', 'reasoning');
  private readonly content = new Part('delta-content');
  private readonly refusal = new Part('delta-refusal', 'circle-slash', 'refusal');
  private readonly tool = h('span', { class: 'col-tool' });
  private readonly finish = h('span', { class: 'col-finish' });
  private readonly usage = icon('dashboard', 'carries token usage');
  private readonly severity = h('span', { attrs: { role: 'img' } });
  /** What the row shows now: chunk index, its data (undefined while its page loads) and whether it is the active one. */
  private shown: { index: number; row: RowView | undefined; active: boolean; hit: boolean } | undefined;

  constructor(private readonly unit: string) {
    this.delta.append(this.reasoning.element, this.content.element, this.refusal.element);
    const flags = h('span', { class: 'col-flags' }, this.usage, this.severity);
    this.element.append(this.index, this.choice, this.delta, this.tool, this.finish, flags);
  }

  /** Points the row at chunk `index`; does nothing when it shows exactly that already. */
  show(index: number, row: RowView | undefined, active: boolean, hit = false): void {
    const was = this.shown;
    if (was && was.index === index && was.row === row && was.active === active && was.hit === hit) return;
    this.shown = { index, row, active, hit };
    const el = this.element;
    el.hidden = false;
    if (was?.index !== index) {
      el.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      el.dataset['row'] = String(index);
      el.id = `chunk-row-${index}`;
    }
    if (was?.hit !== hit) el.classList.toggle('search-hit', hit);
    if (was?.active !== active) {
      el.setAttribute('aria-selected', String(active));
      el.classList.toggle('active', active);
    }
    if (was && was.index === index && was.row === row) return;
    // The number the hover shows: rows count from 1; the JSON index is in the title.
    this.index.textContent = String(row?.number ?? index + 1);
    this.index.title = row ? (row.item === row.lastItem ? `response item ${row.item}` : `response items ${row.item}–${row.lastItem}`) : '';
    if (row) el.dataset['item'] = String(row.item);
    else delete el.dataset['item'];
    this.delta.classList.toggle('muted', !row);
    if (!row) {
      el.setAttribute('aria-label', `${this.unit === 'event' ? 'Event' : 'Chunk'} ${index + 1}, loading`);
      this.reasoning.set('');
      this.content.set('…');
      this.refusal.set('');
      for (const cell of [this.choice, this.tool, this.finish]) cell.textContent = '';
      this.usage.hidden = true;
      this.severity.hidden = true;
      return;
    }
    el.setAttribute('aria-label', describe(row, this.unit));
    this.choice.textContent = row.choice === null ? '' : String(row.choice);
    this.reasoning.set(row.reasoning ? visible(row.reasoning) : '');
    this.content.set(row.content ? visible(row.content) : '');
    this.refusal.set(row.refusal ? visible(row.refusal) : '');
    this.tool.textContent = visible(row.tool);
    this.finish.textContent = row.finishReason ?? '';
    this.usage.hidden = !row.usage;
    this.severity.hidden = !row.severity;
    if (row.severity) {
      const label = `has a problem (${row.severity})`;
      this.severity.className = `codicon codicon-${row.severity}`;
      this.severity.setAttribute('aria-label', label);
      this.severity.title = label;
    }
  }

  hide(): void {
    this.element.hidden = true;
    this.shown = undefined;
  }
}
