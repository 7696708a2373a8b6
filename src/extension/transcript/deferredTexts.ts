// Long texts are held back from the transcript's first message: a reasoning model's answer can run to a megabyte,
// and carrying that to the webview (in a remote window, through the browser) before anything is painted kept a
// 45 MB fixture's transcript blank for seconds. The first part goes with the transcript; the webview asks for the
// rest once it has painted.
import type { MessagePart, TextBlock, Transcript, Turn } from '../../shared/protocol';
import { GAP_OPEN } from '../../shared/protocol';

/** Characters of each text sent with the transcript itself: quick to render, Markdown included. */
export const FIRST_PAINT_TEXT = 20_000;

export interface DeferredTranscript {
  readonly transcript: Transcript;
  /** The rest of each long text, indexed by its block's `rest`. */
  readonly rests: readonly string[];
}

export function deferLongTexts(transcript: Transcript, limit = FIRST_PAINT_TEXT): DeferredTranscript {
  const rests: string[] = [];
  const cut = (block: TextBlock): TextBlock => {
    if (block.text.length <= limit) return block;
    // A gap mark is never cut in two: the opening part ends before it.
    const open = block.text.lastIndexOf(GAP_OPEN, limit);
    const at = open !== -1 && open > limit - 16 ? open : limit;
    rests.push(block.text.slice(at));
    return { text: block.text.slice(0, at), omitted: block.omitted, rest: rests.length - 1 };
  };
  const part = (p: MessagePart): MessagePart => (p.kind === 'text' || p.kind === 'reasoning' ? { ...p, text: cut(p.text) } : p);
  const turn = (t: Turn): Turn => {
    if (t.kind !== 'llm') return t;
    const request = { ...t.request, messages: t.request.messages.map((m) => ({ ...m, parts: m.parts.map(part) })) };
    const response = { ...t.response, choices: t.response.choices.map((c) => ({ ...c, content: cut(c.content), reasoning: cut(c.reasoning) })) };
    return { ...t, request, response };
  };
  return { transcript: { ...transcript, turns: transcript.turns.map(turn) }, rests };
}
