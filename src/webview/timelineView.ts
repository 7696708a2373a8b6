// The timeline of one exchange: one row per chunk or stream event, virtualized (only the rows in view exist in the
// DOM) and fetched from the host in pages, so 55,000 chunks scroll smoothly. A listbox: arrows move, Enter/Space or a
// click reveals. Search reaches its rows through the host (searchRows), and a match is scrolled to and marked.
import type { HostChannel } from './hostChannel';
import type { RowView } from '../shared/protocol';
import { formatCount, h, icon } from './dom';
import { ROW_HEIGHT, TimelineRow } from './timelineRow';
import type { ViewState } from './viewState';

const PAGE_SIZE = 500;
const OVERSCAN = 10;
const VISIBLE_ROWS = 16;
const PREFETCH = 200;

export class TimelineView {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly pages = new Map<number, readonly RowView[]>();
  private readonly requested = new Set<number>();
  /** Row elements, reused: chunk i is shown by pool[i % pool.length], so a row scrolled by stays as it is. */
  private readonly pool: TimelineRow[] = [];
  private active: number;
  private frame = 0;

  /** The row the search points at, marked until the search moves on. */
  private searchHit = -1;

  constructor(
    private readonly rowCount: number,
    readonly exchange: number,
    private readonly generation: number,
    private readonly channel: HostChannel,
    private readonly state: ViewState,
    private readonly reveal: (item: number, lastItem: number) => void,
    readonly unit: 'chunk' | 'event',
  ) {
    this.active = Math.min(state.value.activeRow, rowCount - 1);
    this.canvas = h('div', { class: 'timeline-canvas' });
    this.canvas.style.height = `${rowCount * ROW_HEIGHT}px`;
    this.scroller = h('div', {
      class: 'timeline-scroller',
      attrs: { role: 'listbox', tabindex: '0', 'aria-label': `Timeline, ${rowCount} ${unit}s. Arrow keys move, Enter shows the ${unit} in the JSON.` },
    });
    this.scroller.style.height = `${Math.min(rowCount, VISIBLE_ROWS) * ROW_HEIGHT}px`;
    this.scroller.append(this.canvas);
    const header = h(
      'div',
      { class: 'timeline-row timeline-header', attrs: { 'aria-hidden': 'true' } },
      h('span', { class: 'col-index' }, '#'),
      h('span', { class: 'col-choice', attrs: { title: 'choice' } }, 'ch.'),
      h('span', { class: 'col-delta' }, 'delta'),
      h('span', { class: 'col-tool' }, 'tool'),
      h('span', { class: 'col-finish' }, 'finish'),
      h('span', { class: 'col-flags' }, ''),
    );
    this.element = h('div', { class: 'timeline', attrs: { 'data-no-search': 'true' } }, header, this.scroller);
    this.scroller.addEventListener('scroll', () => {
      this.state.update({ timelineTop: this.scroller.scrollTop });
      this.schedule();
    });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.scroller.addEventListener('click', (e) => {
      const row = (e.target as Element).closest<HTMLElement>('[data-item]');
      if (!row) return;
      this.setActive(Number(row.dataset['row']));
      this.revealActive();
    });
  }

  /** Call once the element is in the page (its height is known). */
  attached(): void {
    this.scroller.scrollTop = this.state.value.timelineTop;
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private rowAt(index: number): RowView | undefined {
    const page = this.pages.get(Math.floor(index / PAGE_SIZE));
    return page?.[index % PAGE_SIZE];
  }

  private ensurePage(page: number): void {
    if (this.requested.has(page)) return;
    this.requested.add(page);
    const start = page * PAGE_SIZE;
    this.channel.requestRows(this.generation, this.exchange, start, Math.min(PAGE_SIZE, this.rowCount - start)).then(
      (rows) => {
        this.pages.set(page, rows);
        this.schedule();
      },
      // A newer transcript replaced this one; its own timeline asks again.
      () => undefined,
    );
  }

  private render(): void {
    const top = this.scroller.scrollTop;
    const height = this.scroller.clientHeight || VISIBLE_ROWS * ROW_HEIGHT;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rowCount - 1, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const needed = Math.max(0, last - first + 1);
    while (this.pool.length < needed) {
      const row = new TimelineRow(this.unit);
      this.pool.push(row);
      this.canvas.append(row.element);
    }
    const size = this.pool.length;
    this.pool.forEach((row, k) => {
      // The one index in [first, first + size) that this element stands for.
      const index = first + ((((k - first) % size) + size) % size);
      if (index > last) row.hide();
      else row.show(index, this.rowAt(index), index === this.active, index === this.searchHit);
    });
    // Pages are asked for a little ahead of the rows in view, so a steady scroll finds its rows already there.
    const from = Math.max(0, first - PREFETCH);
    const to = Math.min(this.rowCount - 1, Math.max(first, last) + PREFETCH);
    for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page++) this.ensurePage(page);
    if (this.active >= first && this.active <= last) this.scroller.setAttribute('aria-activedescendant', `chunk-row-${this.active}`);
    else this.scroller.removeAttribute('aria-activedescendant');
  }

  private revealActive(): void {
    const row = this.rowAt(this.active);
    this.reveal(row?.item ?? this.active, row?.lastItem ?? this.active);
  }

  /** Scrolls row `index` into view and marks it as the search's current match (-1: none). */
  showSearchHit(index: number): void {
    this.searchHit = index;
    if (index >= 0) {
      const top = index * ROW_HEIGHT;
      if (top < this.scroller.scrollTop || top + ROW_HEIGHT > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = Math.max(0, top - ROW_HEIGHT * 3);
      this.element.closest('details')?.setAttribute('open', '');
      this.scroller.scrollIntoView({ block: 'nearest' });
    }
    this.render();
  }

  private setActive(index: number): void {
    this.active = Math.max(0, Math.min(this.rowCount - 1, index));
    this.state.update({ activeRow: this.active });
    const top = this.active * ROW_HEIGHT;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = top + ROW_HEIGHT - this.scroller.clientHeight;
    this.render();
  }

  private onKey(e: KeyboardEvent): void {
    const pageRows = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT) - 1);
    const moves: Readonly<Record<string, number>> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows };
    if (e.key in moves) this.setActive((this.active < 0 ? -1 : this.active) + (moves[e.key] ?? 0));
    else if (e.key === 'Home') this.setActive(0);
    else if (e.key === 'End') this.setActive(this.rowCount - 1);
    else if ((e.key === 'Enter' || e.key === ' ') && this.active >= 0) this.revealActive();
    else return;
    e.preventDefault();
  }
}

export function timelineSummary(rowCount: number, unit: 'chunk' | 'event', exchange?: number): (string | HTMLElement)[] {
  const of = exchange === undefined ? '' : ` of exchange ${exchange + 1}`;
  return [icon('list-flat'), ` Timeline${of} `, h('span', { class: 'muted' }, `(${formatCount(rowCount)} ${rowCount === 1 ? unit : `${unit}s`})`)];
}
