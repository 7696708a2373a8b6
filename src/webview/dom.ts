// Small DOM builders: elements from code-chosen tags and attributes, fixture text only ever as text nodes.
export type Child = Node | string | null | undefined | false;

export interface Props {
  readonly class?: string;
  /** Attribute names are chosen by our code; values may hold fixture text (title, aria-label), never URLs. */
  readonly attrs?: Readonly<Record<string, string>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A codicon; decorative unless given a label. */
export function icon(name: string, label?: string): HTMLElement {
  const el = h('span', { class: `codicon codicon-${name}` });
  if (label) {
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', label);
    el.title = label;
  } else el.setAttribute('aria-hidden', 'true');
  return el;
}

// toLocaleString builds a formatter per call; the timeline formats a count for every row it shows.
const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return COUNT.format(n);
}
