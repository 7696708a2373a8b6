// Messages between the extension host and the workspace validation worker (validationWorker.ts).
import type { FixtureDiagnostic, TokenTotals } from '../../core';

export interface WorkerRequest {
  readonly id: number;
  readonly fileName: string;
  /** A file on the local disk, read by the worker; or the bytes, when only the host can read the file (remote schemes). */
  readonly path?: string;
  readonly bytes?: Uint8Array;
}

export interface WorkerCheck {
  readonly isFixture: boolean;
  /** Each diagnostic with its 0-based range: start line, start character, end line, end character. */
  readonly diagnostics: readonly { readonly diagnostic: FixtureDiagnostic; readonly range: readonly [number, number, number, number] }[];
  /** The tokens the fixture's recorded answers used. */
  readonly tokens?: TokenTotals;
}

export interface WorkerResponse {
  readonly id: number;
  /** null when the file could not be read. */
  readonly check: WorkerCheck | null;
  readonly error?: string;
}
