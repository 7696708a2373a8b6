// The transcript as its reader needs it, in the real workbench (code-server + Chromium), one workbench for the file:
// a multi-exchange cassette read as one conversation, the header's test id and provider, a JSON tool result as a
// tree, copy to the clipboard, folded messages, raw mode, 66 events of an Anthropic stream, a tab switch that keeps
// the view, usage details, no timeline for non-streams, the mark of an unreadable chunk, one problem with its other
// places, search into the timeline, and no horizontal scroll at 400 px. Screenshots, light and dark, go to
// test-output/screenshots.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { analyzeFixture, LineIndex } from '../../src/core';
import { repoRoot, sharedDir } from '../support/paths';
import { openFile, openWorkbench, runCommand, screenshot, transcriptFrame, type Workbench } from './workbench';

const ANTHROPIC_SSE = 'messages__93eb42f3bd69f005727cc3a161e7ab0a8b2c99e4665d9eae5553fe9019ba7b32.json';
const TOOL_INVOCATION = 'responses__661e959c98b894f6daf608d415bbf64f6a5a1af0eef8012354886062b9244f7b.json';
const RAW_GENERATE = 'v1__211b1562d4e6.json';
const EMBEDDINGS = 'v1__f6d655e91ac3.json';
const RAW_PROMPT = '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhich planet do humans live on?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';
const WEATHER_ANSWER = 'It is 18 °C with light rain in Paris (a versatile day for an umbrella).';

/** Opens `fileName` as a transcript and returns its painted frame (see transcript.test.ts for why a tab switch may be needed). */
async function openTranscript(page: Page, fileName: string): Promise<Frame> {
  await openFile(page, fileName);
  await runCommand(page, 'Fixture Lens: Open as Fixture Transcript');
  for (let attempt = 0; attempt < 4; attempt++) {
    const frame = await transcriptFrame(page, fileName, attempt === 0 ? 20_000 : 8000);
    if (frame) return frame;
    await page.keyboard.press('Control+PageUp');
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+PageDown');
  }
  throw new Error(`no painted transcript of ${fileName}`);
}

async function useTheme(page: Page, frame: Frame, kind: 'light' | 'dark'): Promise<void> {
  const other = kind === 'light' ? 'vscode-dark' : 'vscode-light';
  if (await frame.evaluate((c) => document.body.classList.contains(c), other)) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await frame.waitForFunction((c) => document.body.classList.contains(c), `vscode-${kind}`, { timeout: 20_000 });
  await page.waitForTimeout(400);
}

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** A fixture whose earlier assistant turn runs to 250 lines, after a system prompt with Markdown headings. */
function longConversation(): string {
  const story = Array.from({ length: 250 }, (_, i) => `Line ${i + 1} of the story.`).join('\n');
  return JSON.stringify(
    {
      test_id: 'tests/integration/inference/test_long.py::test_long_turn[txt=gpt-4o]',
      request: {
        method: 'POST',
        url: 'https://api.openai.com/v1/v1/chat/completions',
        headers: {},
        body: {
          model: 'gpt-4o',
          messages: [
            { role: 'system', content: '# Rules\nBe brief.\n\n## Style\nUse plain words.\nNever shout.' },
            { role: 'user', content: 'Tell me a story.' },
            { role: 'assistant', content: story },
            { role: 'user', content: 'Shorter, please.' },
          ],
          stream: false,
        },
        endpoint: '/v1/chat/completions',
        model: 'gpt-4o',
      },
      response: {
        body: { __type__: 'openai.types.chat.chat_completion.ChatCompletion', __data__: { id: 'rec-1', object: 'chat.completion', created: 0, model: 'gpt-4o-2024-08-06', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Once upon a time, it ended.' } }] } },
        is_streaming: false,
      },
    },
    null,
    2,
  );
}

describe('transcript as its reader needs it (UI)', function () {
  this.timeout(600_000);
  const shared = sharedDir();
  let scratch = '';
  let workbench: Workbench | undefined;
  let page: Page;

  before(async function () {
    if (!shared) return this.skip();
    scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-ui-reader-'));
    const folder = join(scratch, 'fixtures');
    mkdirSync(folder);
    copyFileSync(join(repoRoot(), 'fixtures', 'cassettes', 'transcript', 'weather-agent-run.har'), join(folder, 'weather-agent-run.har'));
    for (const name of [ANTHROPIC_SSE, TOOL_INVOCATION, RAW_GENERATE, EMBEDDINGS]) copyFileSync(join(shared, 'corpus', name), join(folder, name));
    writeFileSync(join(folder, 'long-conversation.json'), longConversation());
    const seed = JSON.parse(readFileSync(join(shared, 'seeds', '000_79cd4ae94dc9bfc3.txt'), 'utf8')) as { response: { body: { __data__: { choices: { delta: { content: unknown } }[] } }[] } };
    const bad = structuredClone(seed);
    (bad.response.body[6]?.__data__.choices[0] as { delta: { content: unknown } }).delta.content = 12345;
    writeFileSync(join(folder, 'bad-chunk.json'), JSON.stringify(bad, null, 2));
    const late = structuredClone(seed) as { response: { body: unknown[] } };
    const finish = late.response.body[30];
    late.response.body = [...late.response.body.slice(0, 18), finish, ...late.response.body.slice(18, 30)];
    writeFileSync(join(folder, 'late-content.json'), JSON.stringify(late, null, 2));
    workbench = await openWorkbench(folder, { settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.editor.enablePreview': false } });
    page = workbench.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  after(async () => {
    await workbench?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('reads a cassette of four exchanges as one conversation: the exchange list, the new messages, the answers, cards for the rest', async () => {
    const frame = await openTranscript(page, 'weather-agent-run.har');
    await useTheme(page, frame, 'dark');
    assert.deepEqual(
      (await frame.locator('.exchange-row').allInnerTexts()).map(flat),
      [
        '1 POST https://auth.example.com/oauth/token 200 http',
        '2 POST https://api.openai.com/v1/chat/completions 200 openai-chat o4-mini-2025-04-16',
        '3 POST https://api.openai.com/v1/chat/completions 200 openai-chat-stream o4-mini-2025-04-16 streamed',
        '4 POST https://telemetry.example.com/v1/events 204 http',
      ],
    );
    assert.deepEqual(await frame.locator('.turn').evaluateAll((els) => els.map((e) => e.className)), ['turn turn-http', 'turn turn-llm', 'turn turn-llm', 'turn turn-http']);
    // The second request repeats three messages; only the tool's result is shown, named after its call, as a tree.
    assert.equal(flat(await frame.locator('#exchange-2 .skipped').innerText()), '3 earlier messages of this request shown above, not repeated');
    assert.deepEqual(await frame.locator('#exchange-2 article.message:not(.response-choice)').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))), ['tool result message']);
    assert.equal(await frame.locator('#exchange-2 .result-of').innerText(), 'get_weather');
    assert.deepEqual((await frame.locator('#exchange-2 article.role-tool .json-tree > details > .json-children > .json-leaf').allInnerTexts()).map(flat), ['"city": "Paris"', '"temperature_c": 18', '"conditions": "light rain"']);
    assert.equal(await frame.locator('#exchange-2 .response-choice .markdown').innerText(), WEATHER_ANSWER);
    assert.equal(flat(await frame.locator('#exchange-1 .response-choice .tool-call-head').innerText()), 'get_weather call_weather_1');
    // Usage details: the reasoning and cached prompt tokens.
    assert.equal(flat(await frame.locator('#exchange-2 .facts').innerText()), 'Model: o4-mini-2025-04-16 Stream: streamed, 8 events Token usage: 1,200 prompt · 83 completion · 1,283 total · (1,024 cached prompt, 64 reasoning) HTTP status: 200');
    assert.equal(flat(await frame.locator('#exchange-0 .http-head').innerText()), 'POST https://auth.example.com/oauth/token 200');
    assert.equal(flat(await frame.locator('#exchange-3 .http-head').innerText()), 'POST https://telemetry.example.com/v1/events 204');
    // The timeline shows the streamed exchange: no timeline for the others.
    assert.equal(flat(await frame.locator('.timeline-section summary').first().innerText()), 'Timeline of exchange 3 (8 events)');
    await screenshot(page, 'transcript-cassette-dark');
    await frame.locator('#exchange-1').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await screenshot(page, 'transcript-cassette-conversation-dark');
    await useTheme(page, frame, 'light');
    await screenshot(page, 'transcript-cassette-conversation-light');
    await frame.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'transcript-cassette-light');
    await useTheme(page, frame, 'dark');
  });

  it('finds "versatile" in the answer, the outline and the timeline row, and steps to the row', async () => {
    const frame = (await transcriptFrame(page, 'weather-agent-run.har', 10_000)) as Frame;
    await frame.locator('.search-input').fill('versatile');
    await frame.locator('.search-count', { hasText: 'of 3' }).waitFor({ timeout: 10_000 });
    await frame.locator('.search-input').press('Enter');
    await frame.locator('.search-input').press('Enter');
    assert.equal(await frame.locator('.search-count').innerText(), '3 of 3');
    await frame.locator('.timeline-row.search-hit').waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('.timeline-row.search-hit .col-index').innerText(), '6');
    assert.equal(await frame.locator('.timeline-row.search-hit .col-delta').innerText(), ' (a versatile day for an umbrella).');
    await screenshot(page, 'transcript-search-timeline');
    await frame.locator('.search-input').press('Escape');
  });

  it('copies the answer as Markdown and a message as JSON to the clipboard', async () => {
    const frame = (await transcriptFrame(page, 'weather-agent-run.har', 10_000)) as Frame;
    await frame.locator('#exchange-2 .response-choice').hover();
    await frame.locator('#exchange-2 .response-choice .message-action[aria-label="Copy as Markdown"]').click();
    await frame.locator('.notice', { hasText: 'Copied the answer as Markdown' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), WEATHER_ANSWER);
    await frame.locator('#exchange-2 article.role-tool .message-action[aria-label="Copy as JSON"]').click();
    await frame.locator('.notice', { hasText: 'Copied the message as JSON' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), JSON.stringify({ role: 'tool', tool_call_id: 'call_weather_1', content: JSON.stringify({ city: 'Paris', temperature_c: 18, conditions: 'light rain', wind: { speed_kmh: 12, direction: 'SW' } }) }, null, 2));
    await screenshot(page, 'transcript-copied');
  });

  it('switching back to the transcript tab shows it as it was, without rendering it again', async () => {
    let frame = (await transcriptFrame(page, 'weather-agent-run.har', 10_000)) as Frame;
    const renders = await frame.evaluate(() => document.getElementById('app')?.dataset['renders']);
    await frame.evaluate(() => window.scrollTo(0, 400));
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+PageUp');
    await page.waitForTimeout(800);
    await page.keyboard.press('Control+PageDown');
    frame = (await transcriptFrame(page, 'weather-agent-run.har', 20_000)) as Frame;
    assert.equal(await frame.evaluate(() => document.getElementById('app')?.dataset['renders']), renders);
    assert.equal(await frame.evaluate(() => window.scrollY), 400);
  });

  it('says in the header which test recorded the fixture and what it called, and counts the 66 events of an Anthropic stream', async () => {
    const frame = await openTranscript(page, ANTHROPIC_SSE);
    assert.equal(await frame.locator('.test-id-text').innerText(), 'tests/integration/messages/test_messages.py::test_messages_streaming_basic[txt=ollama/gpt-oss:20b]');
    assert.equal(flat(await frame.locator('.header-facts').innerText()), 'Provider: Ollama (0.0.0.0:11434) Endpoint: POST /v1/messages Model: gpt-oss:20b Stream: streamed Format: ogx');
    assert.equal(flat(await frame.locator('.timeline-section summary').innerText()), 'Timeline (66 events)');
    assert.equal(flat(await frame.locator('.response .facts').innerText()), 'Model: gpt-oss:20b Stream: streamed, 66 events Token usage: 7 prompt · 64 completion · 71 total');
    await frame.locator('.timeline-row[data-row="2"] .col-index').waitFor();
    assert.equal(await frame.locator('.timeline-row[data-row="2"] .col-index').getAttribute('title'), 'response items 6–8');
    // An answer that ran out at max_tokens after its reasoning says so instead of an empty bubble.
    assert.equal(await frame.locator('.response-choice .no-text').innerText(), '(no text: the answer ends after its reasoning (finish reason max_tokens))');
    await frame.locator('.test-id .icon-button').click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'tests/integration/messages/test_messages.py::test_messages_streaming_basic[txt=ollama/gpt-oss:20b]');
    await screenshot(page, 'transcript-header-anthropic-events');
  });

  it('shows a tool invocation\'s JSON result as a tree, with no "no finish reason" badge and no timeline', async () => {
    const frame = await openTranscript(page, TOOL_INVOCATION);
    assert.equal(await frame.locator('.response-choice .json-result .json-tree').count(), 1);
    assert.equal(await frame.locator('.response-choice .result-of').innerText(), 'web_search');
    assert.equal(await frame.locator('.response-choice .fold-toggle').count(), 0);
    assert.equal(flat(await frame.locator('.response-choice .json-result .json-tree > details > .json-children > .json-leaf').first().innerText()), '"query": "latest Python version 2023"');
    assert.equal(await frame.locator('.response-choice .badge-warning').count(), 0);
    assert.equal(await frame.locator('.response-choice .markdown').count(), 0);
    assert.equal(await frame.locator('.timeline-section').count(), 0);
    assert.equal(flat(await frame.locator('.header-facts').innerText()), 'Provider: tavily Endpoint: TOOL web_search Stream: not streamed Format: ogx');
    await screenshot(page, 'transcript-tool-invocation');
  });

  it('keeps a raw prompt\'s line breaks exactly, and switches a message between raw and rendered', async () => {
    const frame = await openTranscript(page, RAW_GENERATE);
    const prompt = frame.locator('article.message[data-message-key="t0.m0"]');
    assert.equal(await prompt.locator('.mode-toggle').innerText(), 'Raw');
    assert.equal(await prompt.locator('pre.raw-text').evaluate((el) => el.textContent), RAW_PROMPT);
    await prompt.locator('.mode-toggle').click();
    assert.equal(await prompt.locator('.mode-toggle').innerText(), 'Rendered');
    assert.equal(await prompt.locator('pre.raw-text').count(), 0);
    assert.equal(await prompt.locator('.markdown').count(), 1);
    await prompt.locator('.mode-toggle').click();
    assert.equal(await prompt.locator('pre.raw-text').evaluate((el) => el.textContent), RAW_PROMPT);
    assert.equal(await frame.locator('.footer').innerText(), '1 response item · 1 problem');
    await screenshot(page, 'transcript-raw-prompt');
  });

  it('folds a long earlier turn and the system prompt, shows them whole on request, and moves between messages by keyboard', async () => {
    const frame = await openTranscript(page, 'long-conversation.json');
    const system = frame.locator('article.message[data-message-key="t0.m0"]');
    const story = frame.locator('article.message[data-message-key="t0.m2"]');
    assert.equal(await system.locator('.message-body').getAttribute('class'), 'message-body folded folded-system');
    assert.equal(flat(await story.locator('.fold-toggle').innerText()), 'Show all (250 lines)');
    const folded = await story.locator('.message-body').evaluate((el) => el.clientHeight);
    await screenshot(page, 'transcript-folded-long');
    assert.ok(folded < 300, `the folded message is ${folded} px tall`);
    // Raw mode for the whole view: the system prompt's "# Rules" stays a line, not a heading.
    await frame.locator('.global-mode').click();
    const raw = frame.locator('article.message[data-message-key="t0.m0"] pre.raw-text');
    assert.equal(await raw.evaluate((el) => el.textContent), '# Rules\nBe brief.\n\n## Style\nUse plain words.\nNever shout.');
    await frame.locator('.global-mode').click();
    await frame.locator('article.message[data-message-key="t0.m2"] .fold-toggle').click();
    assert.equal(await frame.locator('article.message[data-message-key="t0.m2"] .message-body').getAttribute('class'), 'message-body');
    const expanded = await frame.locator('article.message[data-message-key="t0.m2"] .message-body').evaluate((el) => el.clientHeight);
    assert.ok(expanded > folded * 3, `the expanded message is ${expanded} px tall, folded ${folded} px`);
    await frame.locator('article.message[data-message-key="t0.m1"]').focus();
    await frame.locator('article.message[data-message-key="t0.m1"]').press('ArrowDown');
    assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-message-key')), 't0.m2');
    assert.equal(await frame.locator('.test-id-text').innerText(), 'tests/integration/inference/test_long.py::test_long_turn[txt=gpt-4o]');
    await frame.locator('article.message[data-message-key="t0.m2"] .fold-toggle').click();
    await screenshot(page, 'transcript-folded');
  });

  it('"Reveal in JSON" selects exactly the message in a text editor beside', async () => {
    const text = longConversation();
    const span = analyzeFixture(text).locator.locate(['request', 'body', 'messages', 1])?.span;
    assert.ok(span);
    const end = new LineIndex(text).positionAt(span.end);
    const frame = (await transcriptFrame(page, 'long-conversation.json', 10_000)) as Frame;
    await frame.locator('article.message[data-message-key="t0.m1"] .message-action[aria-label="Reveal in JSON"]').click();
    await page.waitForFunction(() => /selected/.test(document.getElementById('status.editor.selection')?.textContent ?? ''), undefined, { timeout: 20_000 });
    assert.equal((await page.locator('[id="status.editor.selection"]').innerText()).trim(), `Ln ${end.line + 1}, Col ${end.character + 1} (${span.end - span.start} selected)`);
    await screenshot(page, 'transcript-reveal-message');
    await runCommand(page, 'View: Close Editor Group');
  });

  it('shows no timeline for embeddings, and labels their input as input', async () => {
    const frame = await openTranscript(page, EMBEDDINGS);
    assert.equal(await frame.locator('.timeline-section').count(), 0);
    assert.deepEqual(await frame.locator('article.message').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('aria-label')))]), ['input message']);
  });

  it('marks the unreadable chunk in the answer and names it in the problem', async () => {
    const frame = await openTranscript(page, 'bad-chunk.json');
    assert.equal(await frame.locator('.response-choice .gap-mark').innerText(), 'chunk 7 could not be read');
    assert.equal(flat(await frame.locator('.response-choice .markdown').innerText()), 'The planet with rings aroundchunk 7 could not be read and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.');
    assert.equal(await frame.locator('.problems .problem .problem-where').innerText(), 'chunk 7');
    assert.equal(await frame.locator('.problems-section summary .codicon').getAttribute('class'), 'codicon codicon-error');
    assert.equal(flat(await frame.locator('.problems-section summary').innerText()), 'Problems (1) 1 error');
    await screenshot(page, 'transcript-bad-chunk');
  });

  it('lists content after the finish reason in 12 chunks as one problem with its 11 other places', async () => {
    const frame = await openTranscript(page, 'late-content.json');
    assert.equal(await frame.locator('.problems .problem').count(), 1);
    assert.equal(flat(await frame.locator('.problems .problem .problem-message').innerText()), 'response.body[19] and 11 later chunks add content to choice 0 after its finish reason was set.');
    assert.equal(await frame.locator('.problem-related li').count(), 11);
    assert.equal(flat(await frame.locator('.problem-related li').first().innerText()).startsWith('response.body[20] adds content after the finish reason'), true);
    assert.equal(flat(await frame.locator('.problems-section summary').innerText()), 'Problems (1) 1 warning');
    await screenshot(page, 'transcript-one-problem-related');
  });

  it('has no horizontal scroll in a 400 px editor, in the dark and the light theme', async () => {
    await page.setViewportSize({ width: 452, height: 900 });
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    try {
      for (const name of ['weather-agent-run.har', 'late-content.json', ANTHROPIC_SSE]) {
        const frame = await openTranscript(page, name);
        await page.waitForTimeout(500);
        const width = await frame.evaluate(() => document.documentElement.clientWidth);
        assert.ok(width <= 420 && width >= 360, `the editor is ${width} px wide`);
        assert.equal(await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, `${name} scrolls sideways`);
        if (name === 'weather-agent-run.har') {
          await useTheme(page, frame, 'light');
          await screenshot(page, 'transcript-narrow-light');
          await useTheme(page, frame, 'dark');
        }
        await screenshot(page, `transcript-narrow-${name.slice(0, 12)}`);
      }
    } finally {
      await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });
});
