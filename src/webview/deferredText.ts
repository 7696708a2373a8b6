// Texts whose rest the host held back from the first paint (see the host's deferredTexts.ts): shown first as their
// opening part with a note, then, once the transcript is on screen, fetched and shown whole in their place.
import type { TextBlock } from '../shared/protocol';
import { h } from './dom';
import type { HostChannel } from './hostChannel';

/** The rests already fetched for the transcript on screen, by index: a text rendered again (raw ↔ Markdown) is whole at once. */
const fetched = new Map<number, string>();

/** Forgets the fetched rests: a new transcript numbers its texts anew. */
export function forgetFetchedTexts(): void {
  fetched.clear();
}

/** The whole text of a block whose rest was fetched already, else undefined. */
export function fetchedWhole(block: TextBlock): TextBlock | undefined {
  const rest = block.rest === undefined ? undefined : fetched.get(block.rest);
  return rest === undefined ? undefined : { text: block.text + rest, omitted: block.omitted };
}

const openings = new WeakMap<HTMLElement, { readonly block: TextBlock; readonly raw: boolean }>();

/** Marks `el` (the rendering of the block's opening part, raw or as Markdown) as waiting for the rest of its text. */
export function markDeferred(el: HTMLElement, block: TextBlock, raw: boolean): HTMLElement {
  el.dataset['rest'] = String(block.rest);
  el.append(h('p', { class: 'note muted' }, 'Loading the rest of this text…'));
  openings.set(el, { block, raw });
  return el;
}

/**
 * Asks the host for the rest of every marked text under `root` and puts each whole text in place, rendered by
 * `render`. `onLoaded` runs after each replacement (search highlights point at the old nodes).
 */
export function loadDeferredTexts(root: HTMLElement, generation: number, channel: HostChannel, render: (block: TextBlock, raw: boolean) => HTMLElement, onLoaded: () => void): void {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-rest]'))) {
    const opening = openings.get(el);
    const block = opening?.block;
    if (!opening || !block || block.rest === undefined) continue;
    channel.requestText(generation, block.rest).then(
      (rest) => {
        fetched.set(block.rest as number, rest);
        // A newer transcript replaced this one meanwhile.
        if (!el.isConnected) return;
        el.replaceWith(render({ text: block.text + rest, omitted: block.omitted }, opening.raw));
        onLoaded();
      },
      // A newer transcript arrived: its own texts are asked for with it.
      () => undefined,
    );
  }
}
