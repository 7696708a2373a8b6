// Texts whose rest the host held back from the first paint (see the host's deferredTexts.ts): shown first as their
// opening part with a note, then, once the transcript is on screen, fetched and shown whole in their place.
import type { TextBlock } from '../shared/protocol';
import { h } from './dom';
import type { HostChannel } from './hostChannel';

const openings = new WeakMap<HTMLElement, TextBlock>();

/** Marks `el` (the rendering of the block's opening part) as waiting for the rest of its text. */
export function markDeferred(el: HTMLElement, block: TextBlock): HTMLElement {
  el.dataset['rest'] = String(block.rest);
  el.append(h('p', { class: 'note muted' }, 'Loading the rest of this text…'));
  openings.set(el, block);
  return el;
}

/**
 * Asks the host for the rest of every marked text under `root` and puts each whole text in place, rendered by
 * `render`. `onLoaded` runs after each replacement (search highlights point at the old nodes).
 */
export function loadDeferredTexts(root: HTMLElement, generation: number, channel: HostChannel, render: (block: TextBlock) => HTMLElement, onLoaded: () => void): void {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-rest]'))) {
    const block = openings.get(el);
    if (!block || block.rest === undefined) continue;
    channel.requestText(generation, block.rest).then(
      (rest) => {
        // A newer transcript replaced this one meanwhile.
        if (!el.isConnected) return;
        el.replaceWith(render({ text: block.text + rest, omitted: block.omitted }));
        onLoaded();
      },
      // A newer transcript arrived: its own texts are asked for with it.
      () => undefined,
    );
  }
}
