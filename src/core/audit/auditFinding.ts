// The suite-level findings of `fixture-lens audit` (CLI-CONTRACT.md, "audit"): one per file at most.
import type { Span } from '../diagnostic';

export type AuditKind = 'unreachable' | 'duplicate' | 'orphan';

export interface AuditFinding {
  readonly kind: AuditKind;
  /** The file's path relative to the directory audited, '/'-separated. */
  readonly file: string;
  readonly message: string;
  /** The other files the finding is about (the same request recorded again, …), relative paths. */
  readonly related: readonly string[];
  /** unreachable: the id of the rule set that explains the name, or "edited". */
  readonly rules?: string;
  /** The test the recording names, when it names one. */
  readonly testId?: string | null;
  /** Where in the file the finding points (the test_id for an orphan, the request otherwise). */
  readonly span?: Span;
}

export interface AuditSummary {
  readonly files: number;
  readonly unreachable: number;
  readonly duplicate: number;
  readonly orphan: number;
}

export interface AuditReport {
  readonly findings: readonly AuditFinding[];
  readonly summary: AuditSummary;
  /** Why a check could not be made (no test file found for the orphan check, …): not findings. */
  readonly notes: readonly string[];
}
