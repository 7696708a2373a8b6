// A short confirmation at the bottom of the view ("Copied the answer as Markdown"), announced to screen readers.
import { h } from './dom';

let element: HTMLElement | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

export function showNotice(text: string): void {
  element ??= document.body.appendChild(h('div', { class: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } }));
  element.textContent = text;
  element.hidden = false;
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(() => {
    if (element) element.hidden = true;
  }, 2500);
}
