// Checks fixture files read from disk (not opened as documents), the way the CLI does: bytes decoded by
// the core, files that do not look like fixtures skipped. A run over thousands of files keeps a few ahead in
// flight; the analysis runs in a worker thread when there is one (validationWorker.ts), else here, handing the
// event loop back every few milliseconds, so the editor never freezes.
import * as vscode from 'vscode';
import { addTokens, NO_TOKENS, type TokenTotals } from '../../core';
import { toVsDiagnostic } from '../language/diagnosticConversion';
import { basename } from '../paths';
import { checkBytes } from './fixtureBytesCheck';
import type { WorkerCheck } from './validationWorkerProtocol';

export interface FileCheck {
  readonly isFixture: boolean;
  readonly tokens: TokenTotals;
  readonly diagnostics: readonly vscode.Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface ValidationSummary {
  /** Files found, fixtures or not. */
  readonly files: number;
  /** Files that looked like fixtures and were checked. */
  readonly fixtures: number;
  readonly unreadable: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly cancelled: boolean;
  /** Tokens of every recorded answer checked; only when some answer recorded its usage. */
  readonly tokens?: TokenTotals;
}

export interface ValidationCallbacks {
  readonly token: vscode.CancellationToken;
  readonly onChecked: (uri: vscode.Uri, check: FileCheck) => void;
  readonly onProgress: (done: number) => void;
  /** How a file is read; workspace.fs unless a test gives files that are read at once. */
  readonly readFile?: (uri: vscode.Uri) => Thenable<Uint8Array>;
  /** Checks files off the extension host's thread; without it they are checked here, in slices. */
  readonly worker?: { check(uri: vscode.Uri, bytes?: Uint8Array): Promise<FileCheck | undefined> };
}

/** How long one stretch of synchronous work may run before the event loop gets a turn. */
const SLICE_MS = 10;
/** Files read ahead of the one being analyzed: in a remote window each read is a round trip through the workbench. */
const READ_AHEAD = 16;

/** A check made by checkBytes (here or in the worker) as the host publishes it. */
export function toFileCheck(check: WorkerCheck): FileCheck {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  const diagnostics = check.diagnostics.map(({ diagnostic, range }) => {
    if (diagnostic.severity === 'error') errors++;
    else if (diagnostic.severity === 'warning') warnings++;
    else infos++;
    return toVsDiagnostic(diagnostic, new vscode.Range(range[0], range[1], range[2], range[3]));
  });
  return { isFixture: check.isFixture, diagnostics, errors, warnings, infos, tokens: check.tokens ?? NO_TOKENS };
}

export function checkFixtureBytes(uri: vscode.Uri, bytes: Uint8Array): FileCheck {
  return toFileCheck(checkBytes(bytes, basename(uri.path)));
}

/** Undefined when the file cannot be read (deleted meanwhile, no permission). */
export async function checkFixtureFile(uri: vscode.Uri): Promise<FileCheck | undefined> {
  try {
    return checkFixtureBytes(uri, await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export async function validateFiles(uris: readonly vscode.Uri[], callbacks: ValidationCallbacks): Promise<ValidationSummary> {
  const totals = { fixtures: 0, unreadable: 0, errors: 0, warnings: 0, infos: 0 };
  let tokens = NO_TOKENS;
  const { worker } = callbacks;
  const readFile = callbacks.readFile ?? ((uri: vscode.Uri) => vscode.workspace.fs.readFile(uri));
  // A local file the worker reads itself; anything else (a remote scheme, a test's files) the host reads first.
  const workerReads = (uri: vscode.Uri): boolean => callbacks.readFile === undefined && uri.scheme === 'file';
  const inFlight = new Map<number, Promise<FileCheck | Uint8Array | undefined>>();
  const start = (i: number): void => {
    const uri = uris[i];
    if (!uri || inFlight.has(i)) return;
    const read = (): Promise<Uint8Array> => Promise.resolve(readFile(uri));
    let work: Promise<FileCheck | Uint8Array | undefined>;
    if (!worker) work = read();
    else {
      // A worker that died leaves the rest of the run to this thread: the file's bytes come back to be checked here.
      work = (workerReads(uri) ? worker.check(uri) : read().then((bytes) => worker.check(uri, bytes))).catch(() => read());
    }
    inFlight.set(i, work.catch(() => undefined));
  };
  let sliceStart = performance.now();
  let done = 0;
  for (let i = 0; i < uris.length; i++) {
    if (callbacks.token.isCancellationRequested) break;
    for (let k = i; k <= i + READ_AHEAD; k++) start(k);
    const outcome = await inFlight.get(i);
    inFlight.delete(i);
    const uri = uris[i] as vscode.Uri;
    if (outcome === undefined) totals.unreadable++;
    else {
      const check = outcome instanceof Uint8Array ? checkFixtureBytes(uri, outcome) : outcome;
      if (check.isFixture) {
        totals.fixtures++;
        totals.errors += check.errors;
        totals.warnings += check.warnings;
        totals.infos += check.infos;
        tokens = addTokens(tokens, check.tokens);
        callbacks.onChecked(uri, check);
      }
    }
    done++;
    callbacks.onProgress(done);
    // Reads that finished already resolve as microtasks, which never let the extension host's messages
    // through: only a macrotask turn does.
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return { files: uris.length, ...totals, cancelled: done < uris.length, ...(tokens.total > 0 ? { tokens } : {}) };
}
