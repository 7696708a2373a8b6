// Fixture text as Markdown: markdown-it with raw HTML disabled, DOMPurify over its output, then links made inert
// (opened only through the host on a click) and every image that is not an inline raster replaced by a button.
// All of it happens in an inert document, so nothing a fixture names is ever fetched.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { IMAGE_DATA_URL } from '../shared/protocol';
import { h, icon } from './dom';

/** Longer texts are shown as plain text: parsing megabytes of Markdown would stall the view. */
export const MARKDOWN_LIMIT = 100_000;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const PURIFY_CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'base', 'video', 'audio', 'source', 'picture'],
  FORBID_ATTR: ['style', 'srcset', 'formaction', 'action', 'background', 'poster', 'ping'],
  ALLOW_DATA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|jpeg|gif|webp|bmp);base64,)/i,
};

/** Builds the element that stands in for an image the webview must not load: its address and an "Open image" button. */
export function remoteImagePlaceholder(url: string, alt: string): HTMLElement {
  const button = h('button', { class: 'secondary-button', attrs: { type: 'button', 'data-open-url': url, 'data-open-purpose': 'image', title: 'Open the image in your browser; nothing is loaded here' } }, icon('link-external'), ' Open image');
  return h(
    'span',
    { class: 'remote-image', attrs: { role: 'group', 'aria-label': `Remote image ${alt || url} (not loaded)` } },
    icon('file-media'),
    h('span', { class: 'remote-image-text' }, alt ? `${alt} — ` : '', h('span', { class: 'url' }, url.length > 120 ? `${url.slice(0, 100)}… (${url.length.toLocaleString('en-US')} characters)` : url)),
    button,
  );
}

/** Makes sanitized links and images harmless in an inert document, before it is adopted into the page. */
function neutralize(doc: Document): void {
  for (const a of Array.from(doc.querySelectorAll('a'))) {
    const href = a.getAttribute('href') ?? '';
    for (const name of Array.from(a.getAttributeNames())) a.removeAttribute(name);
    if (href) {
      // No href: the webview must never navigate; a click asks the host, which opens only web and mail links.
      a.className = 'inert-link';
      a.setAttribute('data-open-url', href);
      a.setAttribute('data-open-purpose', 'link');
      a.setAttribute('role', 'link');
      a.setAttribute('tabindex', '0');
      a.setAttribute('title', href);
    }
  }
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    const alt = img.getAttribute('alt') ?? '';
    if (IMAGE_DATA_URL.test(src)) {
      for (const name of Array.from(img.getAttributeNames())) if (name !== 'src' && name !== 'alt') img.removeAttribute(name);
      img.className = 'inline-image';
      continue;
    }
    const placeholder = remoteImagePlaceholder(src, alt);
    img.replaceWith(doc.importNode(placeholder, true));
  }
}

/** Characters per block of a long plain text; each block is laid out only when it scrolls into view. */
export const TEXT_BLOCK = 8_000;

/**
 * A long answer (a reasoning model streams hundreds of kilobytes) as blocks the browser may skip laying out while
 * they are off screen (`content-visibility: auto`): laying out 600 KB of wrapped text at once takes a large part of
 * a second. Blocks end after a line break or a space where there is one, so no word is cut; the text is unchanged.
 */
function plainText(text: string): HTMLElement {
  const pre = h('pre', { class: 'plain-text' });
  if (text.length <= TEXT_BLOCK) {
    pre.textContent = text;
    return pre;
  }
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + TEXT_BLOCK);
    if (end < text.length) {
      const newline = text.lastIndexOf('\n', end - 1);
      const cut = newline > start + TEXT_BLOCK / 2 ? newline : text.lastIndexOf(' ', end - 1);
      if (cut > start + TEXT_BLOCK / 2) end = cut + 1;
    }
    pre.append(h('span', { class: 'text-block' }, text.slice(start, end)));
    start = end;
  }
  return pre;
}

export function renderMarkdown(text: string): HTMLElement {
  if (text.length > MARKDOWN_LIMIT) return plainText(text);
  const html = DOMPurify.sanitize(md.render(text), PURIFY_CONFIG);
  // DOMParser documents have no browsing context: nothing in them loads or runs while we clean them up.
  const inert = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}</body>`, 'text/html');
  neutralize(inert);
  const container = h('div', { class: 'markdown' });
  for (const node of Array.from(inert.body.childNodes)) container.appendChild(document.adoptNode(node));
  return container;
}
