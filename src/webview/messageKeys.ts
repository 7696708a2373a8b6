// Keyboard moves between messages, as in the timeline: with a message focused, arrows go to the next or previous
// one, Home and End to the first and last; Enter folds or unfolds a long one.
const MESSAGES = 'article.message';

export function moveBetweenMessages(e: KeyboardEvent): void {
  const current = e.target instanceof HTMLElement && e.target.matches(MESSAGES) ? e.target : undefined;
  if (!current || e.altKey || e.ctrlKey || e.metaKey) return;
  const all = Array.from(document.querySelectorAll<HTMLElement>(MESSAGES));
  const at = all.indexOf(current);
  let next: HTMLElement | undefined;
  if (e.key === 'ArrowDown') next = all[at + 1];
  else if (e.key === 'ArrowUp') next = all[at - 1];
  else if (e.key === 'Home') next = all[0];
  else if (e.key === 'End') next = all[all.length - 1];
  else if (e.key === 'Enter') {
    current.querySelector<HTMLButtonElement>(':scope > .fold-toggle')?.click();
    e.preventDefault();
    return;
  } else return;
  e.preventDefault();
  if (!next) return;
  next.focus({ preventScroll: true });
  next.scrollIntoView({ block: 'nearest' });
}
