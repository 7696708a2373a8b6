// Find in the transcript: every match highlighted with the CSS Custom Highlight API (no DOM changes, so the rendered
// Markdown is never re-parsed), the current one scrolled into view; Enter / Shift+Enter step through them. The
// timeline's rows are virtualized (most are not in the DOM): the host searches them, and they count and are stepped
// to after the transcript's own matches.
import { h, icon } from './dom';
import type { ViewState } from './viewState';

const MATCH = 'fixture-lens-match';
const CURRENT = 'fixture-lens-current';
const MAX_MATCHES = 10_000;

function highlights(): HighlightRegistry | undefined {
  return typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined;
}

/** Text nodes under root, skipping the virtualized timeline (its rows come and go). */
function textNodes(root: HTMLElement): Text[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('[data-no-search]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** The timeline's side of a search. */
export interface RowSearch {
  search(query: string): Promise<{ rows: readonly number[]; total: number }>;
  /** Scrolls to row `row` and marks it (-1: no row is the current match). */
  show(row: number): void;
}

export class SearchBar {
  private rowSearch: RowSearch | undefined;
  private rowMatches: readonly number[] = [];
  private rowTotal = 0;
  private runs = 0;
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly counter: HTMLElement;
  private root: HTMLElement | undefined;
  private matches: Range[] = [];
  private current = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly state: ViewState) {
    this.input = h('input', { class: 'search-input', attrs: { type: 'search', placeholder: 'Find in transcript', 'aria-label': 'Find in transcript', spellcheck: 'false' } });
    this.input.value = state.value.query;
    this.counter = h('span', { class: 'search-count muted', attrs: { 'aria-live': 'polite' } });
    const prev = h('button', { class: 'icon-button', attrs: { type: 'button', 'aria-label': 'Previous match', title: 'Previous match (Shift+Enter)' } }, icon('arrow-up'));
    const next = h('button', { class: 'icon-button', attrs: { type: 'button', 'aria-label': 'Next match', title: 'Next match (Enter)' } }, icon('arrow-down'));
    prev.addEventListener('click', () => this.step(-1));
    next.addEventListener('click', () => this.step(1));
    this.input.addEventListener('input', () => {
      this.state.update({ query: this.input.value });
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(true), 120);
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.step(e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        this.input.value = '';
        this.state.update({ query: '' });
        this.run(false);
      }
    });
    this.element = h('div', { class: 'search', attrs: { role: 'search' } }, icon('search'), this.input, this.counter, prev, next);
  }

  /** Points the search at a freshly rendered transcript (and its timeline) and re-applies the current query. */
  attach(root: HTMLElement, rows?: RowSearch): void {
    this.root = root;
    if (rows !== undefined) this.rowSearch = rows;
    this.run(false);
  }

  /** Forgets the timeline (a page without one). */
  detachRows(): void {
    this.rowSearch = undefined;
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  get matchCount(): number {
    return this.matches.length + this.rowTotal;
  }

  private get total(): number {
    return this.matches.length + this.rowMatches.length;
  }

  private run(reveal: boolean): void {
    const query = this.input.value.toLowerCase();
    const run = ++this.runs;
    this.matches = [];
    this.rowMatches = [];
    this.rowTotal = 0;
    this.current = -1;
    const rows = this.rowSearch;
    if (query && rows) {
      rows.search(query).then(
        (found) => {
          // A newer search (or a new transcript) made this one moot.
          if (run !== this.runs) return;
          this.rowMatches = found.rows;
          this.rowTotal = found.total;
          if (this.current === -1 && this.total > 0) this.current = 0;
          this.paint(reveal && this.matches.length === 0);
        },
        () => undefined,
      );
    }
    if (query && this.root) {
      for (const node of textNodes(this.root)) {
        const text = (node.nodeValue ?? '').toLowerCase();
        for (let i = text.indexOf(query); i !== -1 && this.matches.length < MAX_MATCHES; i = text.indexOf(query, i + query.length)) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + query.length);
          this.matches.push(range);
        }
      }
    }
    if (this.matches.length > 0) this.current = 0;
    this.paint(reveal);
  }

  private step(by: number): void {
    const total = this.total;
    if (total === 0) return;
    this.current = (this.current + by + total) % total;
    this.paint(true);
  }

  private paint(reveal: boolean): void {
    const registry = highlights();
    registry?.set(MATCH, new Highlight(...this.matches));
    const current = this.matches[this.current];
    registry?.set(CURRENT, current ? new Highlight(current) : new Highlight());
    const row = this.current >= this.matches.length ? this.rowMatches[this.current - this.matches.length] : undefined;
    this.rowSearch?.show(row ?? -1);
    const n = this.matches.length + this.rowTotal;
    const more = this.matches.length >= MAX_MATCHES || this.rowTotal > this.rowMatches.length;
    this.counter.textContent = this.input.value === '' ? '' : n === 0 ? 'No results' : `${this.current + 1} of ${more ? `${n}+` : n}`;
    if (reveal && current) {
      // A match inside a closed section is opened so it can be seen.
      for (let el = current.startContainer.parentElement; el; el = el.parentElement) {
        if (el instanceof HTMLDetailsElement && !el.open) el.open = true;
      }
      current.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    }
  }
}
