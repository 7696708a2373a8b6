// The suite's own command that re-records one test, as an argument vector (never a shell line: test ids
// come from files anyone can edit). The template's words are split on white space; <test> is the test
// function's name, <testid> the full node id, <file> the test file.
import { parseTestId } from './testIds';

export const DEFAULT_RERECORD_COMMAND = './scripts/integration-tests.sh --inference-mode record-if-missing --pattern <test>';

export function rerecordArgv(template: string, testId: string): string[] {
  const test = parseTestId(testId);
  const name = test?.name ?? testId;
  const file = test?.file ?? '';
  return template
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => word.replace(/<testid>|<test>|<file>/g, (m) => (m === '<testid>' ? testId : m === '<test>' ? name : file)));
}
