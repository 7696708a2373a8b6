// What a message's or a request's action puts on the clipboard, and where "Reveal in JSON" goes: pure, so the texts
// are unit-tested; the session does the copying and revealing.
import type { FixtureAnalysis, Span } from '../../core';
import type { ExportAction, MessageAction } from '../../shared/protocol';
import { jsonText, type MessageSource } from './conversation';
import { conversationMarkdown, curlCommand, requestJson } from './exports';
import type { TranscriptModel } from './viewModel';

export interface Copied {
  readonly text: string;
  /** Said in the webview once the text is on the clipboard. */
  readonly notice: string;
}

export function messageActionText(source: MessageSource, action: Exclude<MessageAction, 'reveal'>): Copied {
  const what = source.kind === 'answer' ? 'answer' : 'message';
  switch (action) {
    case 'copyText':
      return { text: source.text(), notice: `Copied the ${what}'s text` };
    case 'copyJson':
      return { text: jsonText(source.value), notice: `Copied the ${what} as JSON` };
    case 'copyMarkdown':
      return { text: source.markdown(), notice: `Copied the ${what} as Markdown` };
  }
}

/** The message's range in the text: its own value where the container's paths reach it, else its whole exchange. */
export function messageSpan(analysis: Pick<FixtureAnalysis, 'locator' | 'exchanges'>, source: MessageSource): Span | undefined {
  const at = source.path ? analysis.locator.locate(source.path)?.span : undefined;
  return at ?? analysis.exchanges[source.exchange]?.span;
}

export function exportText(analysis: Pick<FixtureAnalysis, 'exchanges'>, model: Pick<TranscriptModel, 'transcript'>, exchangeIndex: number, action: ExportAction): Copied | undefined {
  if (action === 'conversationMarkdown') return { text: conversationMarkdown(model.transcript), notice: 'Copied the conversation as Markdown' };
  const exchange = analysis.exchanges[exchangeIndex];
  if (!exchange) return undefined;
  if (action === 'curl') return { text: curlCommand(exchange), notice: 'Copied the request as curl (the key is $API_KEY)' };
  const json = requestJson(exchange);
  return json === undefined ? undefined : { text: json, notice: 'Copied the request body as JSON' };
}
