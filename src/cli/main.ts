// The `fixture-lens` command line: validate and reassemble fixtures (and re-record them) outside VS Code.
import { auditCommand } from './auditCommand';
import { diffCommand } from './diffCommand';
import { reassembleCommand } from './reassembleCommand';
import { rerecordCommand } from './rerecordCommand';
import { validateCommand } from './validateCommand';
import { terminalLine } from './terminalText';
import { UsageError } from './walk';

const USAGE = `Usage:
  fixture-lens validate PATH... [--format text|json]
  fixture-lens reassemble FILE... [--json]
  fixture-lens rerecord FILE --base-url URL [--api-key-env NAME] [--timeout-ms N] [--deadline-ms N]
  fixture-lens audit PATH... [--collected FILE] [--format text|json]
  fixture-lens diff OLD NEW [--format text|json|markdown]
  fixture-lens diff --git [BASE [HEAD]] [-- PATH...] [--format text|json|markdown]
`;

type Handler = (args: string[]) => Promise<number> | number;

const write = (s: string): void => {
  process.stdout.write(s);
};

const writeError = (s: string): void => {
  process.stderr.write(s);
};

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

function rejectUnknownFlags(args: readonly string[]): void {
  const flag = args.find((a) => a.startsWith('--'));
  if (flag) throw new UsageError(`unknown option ${flag}`);
}

const commands: Record<string, Handler> = {
  audit(args) {
    const format = takeOption(args, '--format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${format}`);
    const collected = takeOption(args, '--collected');
    rejectUnknownFlags(args);
    return auditCommand({ paths: args, collected, format }, write, writeError);
  },
  validate(args) {
    const format = takeOption(args, '--format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${format}`);
    rejectUnknownFlags(args);
    if (args.length === 0) throw new UsageError('validate needs at least one PATH');
    return validateCommand(args, format, write, writeError);
  },
  reassemble(args) {
    const i = args.indexOf('--json');
    const json = i !== -1;
    if (json) args.splice(i, 1);
    rejectUnknownFlags(args);
    if (args.length === 0) throw new UsageError('reassemble needs at least one FILE');
    return reassembleCommand(args, json, write, writeError);
  },
  rerecord(args) {
    const baseUrl = takeOption(args, '--base-url');
    const apiKeyEnv = takeOption(args, '--api-key-env');
    const timeoutMs = takeOption(args, '--timeout-ms');
    const deadlineMs = takeOption(args, '--deadline-ms');
    rejectUnknownFlags(args);
    return rerecordCommand({ files: args, baseUrl, apiKeyEnv, timeoutMs, deadlineMs }, process.env, write, (s) => process.stderr.write(s));
  },
  diff(args) {
    return diffCommand(args, { write, writeError, cwd: process.cwd() });
  },
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const handler = commands[command];
  if (!handler) {
    process.stderr.write(`fixture-lens: unknown command "${terminalLine(command)}"\n${USAGE}`);
    return 2;
  }
  try {
    return await handler(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`fixture-lens: ${terminalLine(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`fixture-lens: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
