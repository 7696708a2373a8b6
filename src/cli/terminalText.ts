// Text from fixtures and file names printed to a terminal: control characters are shown as escapes, so a
// fixture cannot move the cursor, retitle the window, write the clipboard (OSC 52) or forge an output line.

// C0 controls (but tab), DEL, C1 controls, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeOne(c: string): string {
  switch (c) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\u001b':
      return '\\e';
    default:
      return `\\u{${c.charCodeAt(0).toString(16).padStart(2, '0')}}`;
  }
}

/** One line's worth: every control character escaped, line breaks included. */
export function terminalLine(s: string): string {
  return s.replace(CONTROL, escapeOne);
}

/** A multi-line text (a reassembled answer): line breaks kept, every other control character escaped. */
export function terminalText(s: string): string {
  return s.replace(CONTROL, (c) => (c === '\n' ? c : escapeOne(c)));
}
