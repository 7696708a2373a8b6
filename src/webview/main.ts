// The transcript webview's entry point: receives transcripts from the host, renders them, keeps scroll position and
// open sections in the view state, and turns clicks on links, chunks and message actions into requests to the host.
import type { Transcript } from '../shared/protocol';
import { forgetFetchedTexts, loadDeferredTexts } from './deferredText';
import { HostChannel } from './hostChannel';
import { textWithNote } from './messageView';
import { moveBetweenMessages } from './messageKeys';
import { showNotice } from './notice';
import { SearchBar } from './searchBar';
import { renderPage } from './transcriptPage';
import { ViewState } from './viewState';

const app = document.getElementById('app') as HTMLElement;
const state = new ViewState();
const search = new SearchBar(state);
let generation = -1;
let shownTranscript: Transcript | undefined;
let firstRender = true;
/** Transcripts rendered since the page loaded: a tab switch that keeps the view renders none (the UI tests read it). */
let renders = 0;
// `show` is a hoisted function declaration, so the channel can be wired to it before it appears below.
const channel = new HostChannel(show, showNotice);

function show(next: number, transcript: Transcript): void {
  // Older generations can arrive late; the newest one wins.
  if (next < generation) return;
  if (next !== generation) forgetFetchedTexts();
  generation = next;
  shownTranscript = transcript;
  const keepScroll = firstRender ? state.value.scrollY : window.scrollY;
  const page = renderPage(
    {
      generation: next,
      channel,
      state,
      search,
      rerender: () => {
        if (shownTranscript) show(generation, shownTranscript);
      },
      copy: (text) => {
        void navigator.clipboard.writeText(text).then(
          () => showNotice('Copied the test id'),
          () => showNotice('Could not copy: the clipboard is not available here'),
        );
      },
    },
    transcript,
    (exchange, item, lastItem) => channel.send({ type: 'revealItem', exchange, item, lastItem }),
    (index) => channel.send({ type: 'revealProblem', generation: next, index }),
  );
  app.replaceChildren(page.toolbar, page.content);
  app.setAttribute('aria-busy', 'false');
  app.dataset['renders'] = String(++renders);
  page.timeline?.attached();
  const timeline = page.timeline;
  if (timeline) search.attach(page.content, { search: (query) => channel.searchRows(next, timeline.exchange, query), show: (row) => timeline.showSearchHit(row) });
  else {
    search.detachRows();
    search.attach(page.content);
  }
  window.scrollTo(0, keepScroll);
  firstRender = false;
  afterPaint(() => {
    channel.send({ type: 'rendered', generation: next, text: (page.content.textContent ?? '').slice(0, 20_000) });
    // Only now the long texts' rests: the transcript is on screen without waiting for them.
    loadDeferredTexts(page.content, next, channel, (block, raw) => textWithNote(block, raw), () => search.attach(page.content));
  });
}

/**
 * Runs `then` once the frame showing the new DOM has been painted: the next animation frame, then a task. A hidden
 * page gets no animation frames, so a timer stands in after a while.
 */
function afterPaint(then: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    then();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 5000);
}

window.addEventListener('scroll', () => state.update({ scrollY: window.scrollY }), { passive: true });

// Links and "Open image" buttons carry their address in data-open-url; only the host may open it, and only on a user action.
function openFromEvent(event: Event): void {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-open-url]');
  if (!target) return;
  event.preventDefault();
  const url = target.dataset['openUrl'] ?? '';
  const purpose = target.dataset['openPurpose'] === 'image' ? 'image' : 'link';
  channel.send({ type: 'openExternal', url, purpose });
}
document.addEventListener('click', openFromEvent);
document.addEventListener('keydown', (e) => {
  if ((e.key === 'Enter' || e.key === ' ') && (e.target as Element | null)?.matches?.('a[data-open-url]')) openFromEvent(e);
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
    e.preventDefault();
    search.focus();
    return;
  }
  moveBetweenMessages(e);
});

channel.send({ type: 'ready' });
