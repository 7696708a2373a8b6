// Renders the host's flattened JSON lines as nested <details>: built with a stack, never by recursion.
import type { JsonLine } from '../shared/protocol';
import { h } from './dom';

function keyLabel(line: JsonLine, parentIsArray: boolean): HTMLElement | null {
  if (line.key === null) return null;
  return h('span', { class: 'json-key' }, parentIsArray ? `[${line.key}]` : JSON.stringify(line.key), ': ');
}

export function renderJsonTree(lines: readonly JsonLine[], openDepth = 1): HTMLElement {
  const root = h('div', { class: 'json-tree', attrs: { role: 'tree' } });
  // stack[d] is where lines of depth d go, and whether that container is an array.
  const stack: { el: HTMLElement; isArray: boolean }[] = [{ el: root, isArray: false }];
  for (const line of lines) {
    stack.length = Math.min(stack.length, line.depth + 1);
    const parent = stack[stack.length - 1] ?? stack[0]!;
    const key = keyLabel(line, parent.isArray);
    if (line.kind === 'object' || line.kind === 'array') {
      const open = line.kind === 'array' ? '[' : '{';
      const close = line.kind === 'array' ? ']' : '}';
      const details = h('details', { class: 'json-node', attrs: { role: 'treeitem' } });
      details.open = line.depth < openDepth;
      const preview = line.count === 0 ? `${open}${close}` : `${open}…${close} ${line.count} ${line.kind === 'array' ? (line.count === 1 ? 'item' : 'items') : line.count === 1 ? 'key' : 'keys'}`;
      details.append(h('summary', {}, key, h('span', { class: 'json-preview' }, preview)));
      const children = h('div', { class: 'json-children', attrs: { role: 'group' } });
      details.append(children);
      parent.el.append(details);
      stack.push({ el: children, isArray: line.kind === 'array' });
    } else {
      parent.el.append(h('div', { class: `json-leaf json-${line.kind}`, attrs: { role: 'treeitem' } }, key, h('span', { class: 'json-value' }, line.text)));
    }
  }
  return root;
}
