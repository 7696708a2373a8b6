// Fills the `${testId}` placeholder of the "Re-record via Test Run" command template so that the test
// id, which comes from the fixture, is always exactly one shell word and can never run anything: it is
// escaped for the quoting the template puts around the placeholder ("…", '…' or none). POSIX shells.
import { RerecordError } from './errors';

export const TEST_ID_PLACEHOLDER = '${testId}';

/** 'abc' with each ' written as '\'' : nothing inside single quotes is special to the shell. */
export function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The inside of a double-quoted word: only \, ", $ and ` are special there. */
function insideDoubleQuotes(s: string): string {
  return s.replace(/[\\"$`]/g, (c) => `\\${c}`);
}

/** The command line for one test id; throws when the template or the id cannot be made safe. */
export function testRunCommandLine(template: string, testId: string): string {
  if (!template.includes(TEST_ID_PLACEHOLDER)) throw new RerecordError('usage', `the re-record command has no ${TEST_ID_PLACEHOLDER} placeholder`);
  // Control characters (a newline above all) end a command in any shell, quoted or not.
  if (testId === '' || /[\u0000-\u001f\u007f]/.test(testId)) throw new RerecordError('unsupported', 'the fixture\'s test_id is empty or holds control characters');
  let out = '';
  let rest = template;
  for (let at = rest.indexOf(TEST_ID_PLACEHOLDER); at !== -1; at = rest.indexOf(TEST_ID_PLACEHOLDER)) {
    const before = rest.slice(0, at);
    const quote = openQuote(out + before);
    out += before + (quote === '"' ? insideDoubleQuotes(testId) : quote === "'" ? testId.replace(/'/g, `'\\''`) : singleQuoted(testId));
    rest = rest.slice(at + TEST_ID_PLACEHOLDER.length);
  }
  return out + rest;
}

/** The quote left open at the end of `prefix` (a POSIX shell word), if any. */
function openQuote(prefix: string): '"' | "'" | undefined {
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote;
}
