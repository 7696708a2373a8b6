// fixtures/hostile-content.json in the real workbench: script tags, onerror images, javascript: and data: links,
// iframes, SVG scripts and remote images must neither run nor reach the network. A listener on 127.0.0.1 (the port
// written into a temp copy of the fixture) counts every connection; the webview's DOM and CSP are checked exactly.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { repoRoot } from '../host/codeServer';
import { openFile, openWorkbench, runCommand, screenshot, type Workbench, transcriptFrame } from './workbench';

const FILE = 'hostile-content.json';
const FIXED_PORT = '127.0.0.1:8765';

describe('hostile fixture content (UI)', function () {
  this.timeout(300_000);
  let scratch = '';
  let workbench: Workbench | undefined;
  let listener: Server | undefined;
  const hits: string[] = [];
  let connections = 0;
  let port = 0;
  let page: Page;
  let frame: Frame;

  before(async () => {
    listener = createServer((req, res) => {
      hits.push(`${req.method ?? '?'} ${req.url ?? ''}`);
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end();
    });
    listener.on('connection', () => connections++);
    await new Promise<void>((resolve) => listener!.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
    scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-ui-hostile-'));
    const folder = join(scratch, 'fixtures');
    mkdirSync(folder);
    const text = readFileSync(join(repoRoot(), 'fixtures', FILE), 'utf8');
    assert.ok(text.includes(FIXED_PORT));
    writeFileSync(join(folder, FILE), text.split(FIXED_PORT).join(`127.0.0.1:${port}`));
    workbench = await openWorkbench(folder, { settings: { 'workbench.editor.enablePreview': false } });
    page = workbench.page;
    await openFile(page, FILE);
    await runCommand(page, 'Fixture Lens: Open as Fixture Transcript');
    const found = await transcriptFrame(page, FILE, 30_000);
    assert.ok(found, 'the transcript of the hostile fixture never painted');
    frame = found;
    if (await frame.evaluate(() => document.body.classList.contains('vscode-light'))) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await frame.waitForFunction(() => document.body.classList.contains('vscode-dark'), undefined, { timeout: 20_000 });
  });

  after(async () => {
    await workbench?.close();
    await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the fixture text as text and makes no request, even with every section open', async () => {
    const answer = await frame.locator('.response-choice .message-body > .markdown').innerText();
    assert.ok(answer.includes(`Here is <script>fetch('http://127.0.0.1:${port}/answer-script')</script> and <img src=x onerror="fetch('http://127.0.0.1:${port}/answer-onerror')">.`), answer);
    assert.ok(answer.includes('[link](javascript:alert(document.cookie))'), answer);
    await frame.evaluate(() => {
      for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
    });
    await page.waitForTimeout(3000);
    await screenshot(page, 'hostile-dark');
    await frame.locator('.message.role-user').first().scrollIntoViewIfNeeded();
    await frame.evaluate(() => document.querySelector('.message.role-user')?.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'hostile-messages');
    await frame.evaluate(() => document.querySelector('.response')?.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'hostile-response');
    assert.deepEqual(hits, []);
    assert.equal(connections, 0);
  });

  it('has no script but its own, no event-handler attribute, no frame, object, form or stylesheet from the fixture', async () => {
    const dom = await frame.evaluate(() => ({
      scripts: Array.from(document.scripts).map((s) => ({ src: s.src ? new URL(s.src).pathname.split('/').pop() : null, nonce: (s.nonce ?? '').length > 0, api: s.text.includes('acquireVsCodeApi') })),
      handlers: Array.from(document.querySelectorAll('*')).flatMap((el) => el.getAttributeNames().filter((n) => n.toLowerCase().startsWith('on')).map((n) => `${el.tagName}.${n}`)),
      dangerous: Array.from(document.querySelectorAll('iframe, frame, object, embed, svg, form, style, base, meta[http-equiv="refresh"], video, audio, input, button[formaction]')).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
      links: Array.from(document.querySelectorAll('link')).map((l) => new URL(l.href).pathname.split('/').pop()),
      hrefs: document.querySelectorAll('[href]:not(link)').length,
      images: Array.from(document.images).map((i) => i.getAttribute('src')?.slice(0, 22)),
      openable: Array.from(document.querySelectorAll<HTMLElement>('[data-open-url]')).map((e) => e.dataset['openUrl']?.replace(/^(data:[^;,]*).*/, '$1')),
    }));
    // VS Code's own inline script (it defines acquireVsCodeApi; the webview host injects it) and ours: nothing from the fixture.
    assert.deepEqual(dom.scripts, [
      { src: null, nonce: false, api: true },
      { src: 'webview.js', nonce: true, api: false },
    ]);
    assert.deepEqual(dom.handlers, []);
    // Only VS Code's default styles and our own search box.
    assert.deepEqual(dom.dangerous, ['style#_defaultStyles.', 'input#.search-input']);
    assert.deepEqual(dom.links, ['codicon.css', 'transcript.css']);
    assert.equal(dom.hrefs, 0);
    // Exactly one image: the 24×24 PNG sent as a data: URL in an image_url part.
    assert.deepEqual(dom.images, ['data:image/png;base64,']);
    const base = `http://127.0.0.1:${port}/`;
    // Every address the user could open is a web address of the fixture or the SVG image part; javascript: and
    // data:text/html never became links (markdown-it refuses them; linkify only links the http URLs inside them).
    assert.equal(dom.openable.length, 31);
    assert.deepEqual(dom.openable.filter((u) => !u?.startsWith(base)), ['data:image/svg+xml']);
    // Images that are not inline rasters are placeholders with an "Open image" button, never <img>.
    const placeholders = await frame.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.remote-image button')).map((b) => b.dataset['openUrl']?.replace(/^(data:[^;,]*).*/, '$1')));
    assert.deepEqual(placeholders, [`${base}markdown-image.png`, `${base}image-part.png`, 'data:image/svg+xml', `${base}titled.png`, `${base}nested-image.png`, `${base}answer-image.png`]);
  });

  it('declares exactly the strict Content-Security-Policy', async () => {
    const csp = await frame.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    const ours = await frame.evaluate(() => {
      const script = Array.from(document.scripts).find((s) => s.src.endsWith('/webview.js'));
      return { nonce: script?.nonce ?? '', src: script?.src ?? '', origin: location.origin };
    });
    // code-server's webview.cspSource is "'self' https://*.vscode-cdn.net"; desktop VS Code's is one https source.
    const source = "'self' https://*.vscode-cdn.net";
    assert.equal(ours.nonce.length, 24);
    assert.equal(csp, `default-src 'none'; img-src ${source} data:; style-src ${source}; font-src ${source}; script-src 'nonce-${ours.nonce}'`);
    // Our script is served from a vscode-cdn.net resource host, the one https source the policy names.
    assert.match(new URL(ours.src).origin, /^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net$/);
  });

  it('loads a remote image only when the user clicks "Open image", and then outside the webview', async () => {
    assert.deepEqual(hits, []);
    // VS Code trusts 127.0.0.1 links, so it opens this one without asking; an untrusted domain gets its prompt first.
    const popup = workbench!.browser.context.waitForEvent('page', { timeout: 20_000 });
    await frame.locator('.image-part .remote-image button').first().click();
    const opened = await popup;
    await opened.waitForLoadState('domcontentloaded').catch(() => undefined);
    // code-server hands localhost links to its port-forwarding proxy; desktop VS Code opens the URL itself.
    assert.match(opened.url(), new RegExp(`^http://127\\.0\\.0\\.1:(${port}/image-part\\.png|\\d+/proxy/${port}/)`));
    await opened.close();
    assert.ok(hits.length <= 1, `requests after one click: ${hits.join(', ')}`);
    // The webview itself still shows only its one inline image.
    assert.deepEqual(await frame.evaluate(() => Array.from(document.images).map((i) => i.getAttribute('src')?.slice(0, 22))), ['data:image/png;base64,']);
  });
});
