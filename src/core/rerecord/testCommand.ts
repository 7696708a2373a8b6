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
  return testRunCommandWith(template, { testId }, 'testId');
}

/**
 * The same for any named placeholders (`${testId}`, `${cassette}`, `${goRun}` …): each value stays inside the
 * argument its placeholder is in. `required` names the placeholder the template must hold; every value is
 * checked as a test id is, since they all come from the fixture or its path.
 */
export function testRunCommandWith(template: string, values: Readonly<Record<string, string>>, required: string): TestRunCommand {
  const words = splitWords(template);
  const mark = `\${${required}}`;
  if (!words.some((w) => w.includes(mark))) throw new RerecordError('usage', `the re-record command has no ${mark} placeholder`);
  const [program, ...rest] = words;
  if (program === undefined) throw new RerecordError('usage', `the re-record command must not start with ${mark}`);
  const inProgram = /\$\{[A-Za-z]+\}/.exec(program);
  if (inProgram) throw new RerecordError('usage', `the re-record command must not start with ${inProgram[0]}`);
  // Windows runs a batch file through cmd.exe, which parses the arguments again (`&`, `%…%`).
  if (/\.(?:bat|cmd)$/i.test(program)) throw new RerecordError('usage', 'the re-record command is a batch file, which cmd.exe would run with the test id re-parsed; name an executable');
  for (const [name, value] of Object.entries(values)) {
    const used = rest.some((w) => w.includes(`\${${name}}`));
    if (!used) continue;
    const what = name === 'testId' ? "the fixture's test_id" : `the fixture's ${name}`;
    if (value === '') throw new RerecordError('unsupported', `${what} is empty`);
    // No program reads a control character in an argument usefully, and a terminal would act on it.
    if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new RerecordError('unsupported', `${what} holds control characters`);
    // An argument that starts with the value would be read as an option (pytest -p loads a plugin).
    if (value.startsWith('-') && rest.some((w) => w.startsWith(`\${${name}}`))) throw new RerecordError('unsupported', `${what} starts with -, so the command would read it as an option`);
  }
  const fill = (word: string): string => word.replace(/\$\{([A-Za-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
  return { command: program, args: rest.map(fill) };
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
