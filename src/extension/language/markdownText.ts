// Markdown built from fixture text: every string that came from a file goes through one of these,
// so a recording holding `<img onerror>`, `[link](javascript:…)` or a stray fence renders as text.

const MARKDOWN_SPECIALS = /[\\`*_{}[\]()#+\-.!|<>~&]/g;

/** Text for a Markdown paragraph: punctuation backslash-escaped, line breaks flattened to spaces. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(MARKDOWN_SPECIALS, (c) => `\\${c}`);
}

/** A fenced code block holding `text` verbatim: the fence is longer than any backtick run inside. */
export function fencedBlock(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** An inline code span holding `text` verbatim (on one line). */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  // A span that starts or ends with a backtick needs a space so the fence is not read as part of it.
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** The last `max` characters of `text`, with an ellipsis in front when some were cut. */
export function lastChars(text: string, max: number): string {
  if (text.length <= max) return text;
  let start = text.length - max;
  // Never start in the middle of a surrogate pair.
  const c = text.charCodeAt(start);
  if (c >= 0xdc00 && c <= 0xdfff) start++;
  return `…${text.slice(start)}`;
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
