// Turns the "Re-record via Test Run" command template into a program and its argument vector, run
// without any shell: the test id comes from the fixture, and no quoting survives every shell a task
// may use (PowerShell takes `$(…)` inside double quotes and no `\` escapes, cmd.exe takes `&` and `%`).
// The template is split into words once, by its own simple rules; then `${testId}` is replaced inside
// the words, so the test id is always part of exactly one argument, whatever characters it holds.
import { RerecordError } from './errors';

export const TEST_ID_PLACEHOLDER = '${testId}';

export interface TestRunCommand {
  /** The program to start (looked up on PATH when it has no directory). */
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * The program and arguments for one test id. Words are separated by unquoted white space; '…' and
 * "…" group (nothing is special inside '…'; inside "…" a backslash escapes only " and \); outside
 * quotes a backslash escapes only a quote, a backslash or white space, so C:\venv\pytest.exe needs no
 * doubling. Throws RerecordError when the template or the id cannot be run safely.
 */
export function testRunCommand(template: string, testId: string): TestRunCommand {
  const words = splitWords(template);
  if (!words.some((w) => w.includes(TEST_ID_PLACEHOLDER))) throw new RerecordError('usage', `the re-record command has no ${TEST_ID_PLACEHOLDER} placeholder`);
  const [program, ...rest] = words;
  if (program === undefined || program.includes(TEST_ID_PLACEHOLDER)) throw new RerecordError('usage', `the re-record command must not start with ${TEST_ID_PLACEHOLDER}`);
  // Windows runs a batch file through cmd.exe, which parses the arguments again (`&`, `%…%`).
  if (/\.(?:bat|cmd)$/i.test(program)) throw new RerecordError('usage', 'the re-record command is a batch file, which cmd.exe would run with the test id re-parsed; name an executable');
  if (testId === '') throw new RerecordError('unsupported', "the fixture's test_id is empty");
  // No program reads a control character in an argument usefully, and a terminal would act on it.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(testId)) throw new RerecordError('unsupported', "the fixture's test_id holds control characters");
  // An argument that starts with the id would be read as an option (pytest -p loads a plugin).
  if (testId.startsWith('-') && rest.some((w) => w.startsWith(TEST_ID_PLACEHOLDER))) throw new RerecordError('unsupported', "the fixture's test_id starts with -, so the command would read it as an option");
  return { command: program, args: rest.map((w) => w.split(TEST_ID_PLACEHOLDER).join(testId)) };
}

function splitWords(template: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < template.length; i++) {
    const c = template.charAt(i);
    const next = template.charAt(i + 1);
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (next === '"' || next === '\\')) {
        word += next;
        i++;
      } else word += c;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === '"' || c === "'") quote = c;
      else if (c === '\\' && (next === '"' || next === "'" || next === '\\' || /\s/.test(next))) {
        word += next;
        i++;
      } else word += c;
    }
  }
  if (quote !== undefined) throw new RerecordError('usage', 'the re-record command has an unclosed quote');
  if (inWord) words.push(word);
  return words;
}
