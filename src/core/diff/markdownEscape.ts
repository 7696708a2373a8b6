// Fixture text made inert in GitHub Markdown: inside `<pre>` (an HTML block, where Markdown is not read) only
// HTML's specials are escaped; in inline text every ASCII punctuation mark is backslash-escaped too (no
// emphasis, links, table pipes or code spans can start; `/` is left alone, it starts nothing and paths are
// full of it) and lines are joined, and a word joiner follows `@` and `#` so no one is mentioned and no issue
// linked. Paths and tests go inside <code>, texts inside <pre>, where GitHub autolinks nothing.

const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** C0 controls but tab, line feed and carriage return, DEL, C1 controls: shown as U+FFFD (browsers render them as nothing or boxes). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function escapeHtml(text: string): string {
  return text.replace(CONTROL, '\uFFFD').replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/** Inline Markdown text: HTML specials as entities, other ASCII punctuation but `/` backslash-escaped, line breaks as spaces. */
export function escapeMarkdownInline(text: string): string {
  let out = '';
  const chars = [...text.replace(CONTROL, '\uFFFD')];
  chars.forEach((ch, i) => {
    const html = HTML[ch];
    if (html !== undefined) out += html;
    else if (ch === '\n' || ch === '\r' || ch === '\t') out += ' ';
    else if (/[!-.:-@[-`{-~]/.test(ch)) {
      out += `\\${ch}`;
      // GitHub links @name and #123 in the rendered text, escaped or not: a word joiner keeps them apart.
      if ((ch === '@' || ch === '#') && /^[A-Za-z0-9]/.test(chars[i + 1] ?? '')) out += '\u2060';
    } else out += ch;
  });
  return out;
}

/** Fixture text as inline code: escaped, inside <code> (a Markdown code span cannot hold every backtick run safely). */
export function inlineCode(text: string): string {
  return `<code>${escapeMarkdownInline(text)}</code>`;
}
