// The fixture diff webview's entry point: validates the host's messages, renders the diff, keeps the noise
// toggle and the scroll position in the view state, and tells the host what it painted.
import { parseDiffHostMessage, type DiffView, type DiffWebviewMessage } from '../../shared/protocol';
import { h } from '../dom';
import { renderDiffPage } from './diffPage';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
const saved = api.getState() as { showNoise?: unknown; scrollY?: unknown } | undefined;
let showNoise = saved?.showNoise === true;
let scrollY = typeof saved?.scrollY === 'number' ? saved.scrollY : 0;
let shown: { generation: number; diff: DiffView } | undefined;

function send(message: DiffWebviewMessage): void {
  api.postMessage(message);
}

function save(): void {
  api.setState({ showNoise, scrollY });
}

function render(): void {
  if (!shown) return;
  const { generation, diff } = shown;
  app.replaceChildren(
    renderDiffPage(diff, {
      showNoise,
      onToggleNoise: (show) => {
        showNoise = show;
        save();
        render();
      },
      onOpenSide: (side) => send({ type: 'openSide', side }),
    }),
  );
  app.setAttribute('aria-busy', 'false');
  window.scrollTo(0, scrollY);
  requestAnimationFrame(() => send({ type: 'rendered', generation, text: (app.textContent ?? '').slice(0, 20_000) }));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseDiffHostMessage(event.data);
  if (!message) return;
  if (shown && message.generation < shown.generation) return;
  if (message.type === 'diff') {
    shown = { generation: message.generation, diff: message.diff };
    render();
  } else {
    shown = undefined;
    app.replaceChildren(h('p', { class: 'diff-error' }, message.message));
    app.setAttribute('aria-busy', 'false');
  }
});
window.addEventListener(
  'scroll',
  () => {
    scrollY = window.scrollY;
    save();
  },
  { passive: true },
);
send({ type: 'ready' });
