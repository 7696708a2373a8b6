// A text as the exact characters sent: no Markdown, every line break kept, and the white space that matters made
// visible (tabs, trailing spaces, a text that ends in spaces) without changing the text itself.
import { GAP_CLOSE, GAP_OPEN } from '../shared/protocol';
import { h } from './dom';

/** Trailing spaces and tabs of a line, and tabs anywhere: wrapped in spans the stylesheet shows; the text is unchanged. */
const VISIBLE_WS = /([ \t]+)(?=\n|$)|\t+/g;

export function rawText(text: string): HTMLElement {
  const pre = h('pre', { class: 'raw-text', attrs: { 'data-raw': 'true' } });
  let from = 0;
  for (const m of text.matchAll(VISIBLE_WS)) {
    const at = m.index;
    if (at > from) pre.append(text.slice(from, at));
    pre.append(h('span', { class: m[1] === undefined ? 'ws ws-tab' : 'ws ws-trailing', attrs: { title: describeWhiteSpace(m[0]) } }, m[0]));
    from = at + m[0].length;
  }
  if (from < text.length) pre.append(text.slice(from));
  return pre;
}

function describeWhiteSpace(ws: string): string {
  const tabs = [...ws].filter((c) => c === '\t').length;
  const spaces = ws.length - tabs;
  return [spaces > 0 ? `${spaces} space${spaces === 1 ? '' : 's'}` : '', tabs > 0 ? `${tabs} tab${tabs === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
}

const GAP = new RegExp(`${GAP_OPEN}(\\d+)${GAP_CLOSE}`, 'g');

/**
 * Replaces each gap mark the host put in an answer (a chunk that could not be read) with a visible note. Works on
 * text nodes, so it finds the marks wherever Markdown put them.
 */
export function markGaps(root: HTMLElement, unit: string): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.nodeValue ?? '').includes(GAP_OPEN)) hits.push(n as Text);
  for (const node of hits) {
    const text = node.nodeValue ?? '';
    const out = document.createDocumentFragment();
    let from = 0;
    for (const m of text.matchAll(GAP)) {
      if (m.index > from) out.append(text.slice(from, m.index));
      out.append(h('span', { class: 'gap-mark', attrs: { role: 'note' } }, `${unit} ${m[1] ?? '?'} could not be read`));
      from = m.index + m[0].length;
    }
    out.append(text.slice(from));
    node.replaceWith(out);
  }
}
