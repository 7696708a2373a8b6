// `fixture-lens rerecord FILE --base-url URL [--api-key-env NAME] [--timeout-ms N] [--deadline-ms N]` as
// CLI-CONTRACT.md specifies (--deadline-ms is an addition: the whole run's limit, however steadily the
// provider sends). The core produces the new text; this file reads the fixture, takes the key from the
// environment, and replaces the file atomically (temporary file in the same folder, then rename) only
// after everything succeeded and only if the file did not change meanwhile.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeFixtureBytes } from '../core';
import { NodeHttpTransport } from '../core/rerecord/httpTransport';
import { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS, MAX_TIMER_MS, Redactor, RerecordError, isTimerDelay, parseBaseUrl, rerecordFixture, type HttpTransport, type PayloadLimits } from '../core/rerecord';
import { UsageError } from './walk';

export interface RerecordArgs {
  readonly files: readonly string[];
  readonly baseUrl: string | undefined;
  readonly apiKeyEnv: string | undefined;
  readonly timeoutMs: string | undefined;
  readonly deadlineMs?: string | undefined;
}

/** What the command line does not choose: the network (a test's scripted transport) and the answer's size limits. */
export interface RerecordDeps {
  readonly transport?: HttpTransport | undefined;
  readonly limits?: Partial<PayloadLimits> | undefined;
}

export const DEFAULT_API_KEY_ENV = 'OPENAI_API_KEY';

/** A delay option: digits only, 1 to MAX_TIMER_MS (Node fires a longer timer at once). */
function delayOf(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !isTimerDelay(n)) throw new UsageError(`${option} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, not ${value}`);
  return n;
}

export async function rerecordCommand(args: RerecordArgs, env: NodeJS.ProcessEnv, write: (s: string) => void, writeError: (s: string) => void, deps: RerecordDeps = {}): Promise<number> {
  if (args.files.length !== 1) throw new UsageError('rerecord needs exactly one FILE');
  const file = args.files[0] as string;
  if (args.baseUrl === undefined) throw new UsageError('rerecord needs --base-url URL');
  const timeoutMs = delayOf('--timeout-ms', args.timeoutMs, DEFAULT_TIMEOUT_MS);
  const deadlineMs = delayOf('--deadline-ms', args.deadlineMs, DEFAULT_DEADLINE_MS);
  const keyName = args.apiKeyEnv ?? DEFAULT_API_KEY_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyName)) throw new UsageError(`--api-key-env must be an environment variable name, not ${keyName}`);
  const apiKey = env[keyName] || undefined;
  const redactor = new Redactor(apiKey);
  try {
    parseBaseUrl(args.baseUrl);
  } catch (e) {
    throw new UsageError(redactor.line(`--base-url: ${(e as Error).message}`));
  }

  let target: string;
  let bytes: Buffer;
  try {
    // Through symbolic links, so the rename replaces the file and not the link.
    target = realpathSync(file);
    bytes = readFileSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read the file (${code === 'EISDIR' ? 'it is a directory' : (code ?? 'unknown error')})`);
  }
  const decoded = decodeFixtureBytes(bytes);
  if (decoded.diagnostics.length > 0) throw new UsageError(`${file}: not a fixture (the file is not valid UTF-8)`);

  try {
    const outcome = await rerecordFixture(decoded.text, {
      baseUrl: args.baseUrl,
      apiKey,
      transport: deps.transport ?? new NodeHttpTransport(),
      timeoutMs,
      deadlineMs,
      maxItems: deps.limits?.maxItems,
      maxTextChars: deps.limits?.maxTextChars,
    });
    replaceAtomically(target, bytes, outcome.text);
    write(`${file}: re-recorded ${outcome.items} item${outcome.items === 1 ? '' : 's'} from ${outcome.url}\n`);
    return 0;
  } catch (e) {
    if (e instanceof RerecordError) {
      if (e.isUsage) throw new UsageError(redactor.line(`${file}: ${e.message}`));
      writeError(`fixture-lens: ${redactor.line(`${file}: re-recording failed, file unchanged: ${e.message}`, 600)}\n`);
      return 1;
    }
    if (e instanceof FileReplaceError) {
      writeError(`fixture-lens: ${redactor.line(`${file}: re-recording failed, file unchanged: ${e.message}`, 600)}\n`);
      return 1;
    }
    throw e;
  }
}

class FileReplaceError extends Error {}

/** Writes `text` beside `target`, then renames it over `target` — unless `target` no longer holds `original`. */
function replaceAtomically(target: string, original: Buffer, text: string): void {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    const mode = statSync(target).mode & 0o777;
    fd = openSync(temp, 'wx', mode);
    writeSync(fd, Buffer.from(text, 'utf8'));
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (!readFileSync(target).equals(original)) throw new FileReplaceError('the file changed on disk while re-recording');
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    if (e instanceof FileReplaceError) throw e;
    throw new FileReplaceError(`could not write the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
