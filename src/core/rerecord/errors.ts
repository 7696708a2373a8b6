// Why a re-record did not happen, as one value the CLI turns into an exit code and the extension into
// one sentence. Every message that leaves the core goes through a Redactor first, so an API key the
// provider echoes back (in an error body, a redirect target) never reaches a terminal or a log.

/**
 * usage, not-fixture and unsupported are problems with what was asked (CLI exit 2); the others mean
 * the operation was tried and failed (CLI exit 1).
 */
export type RerecordErrorKind =
  | 'usage'
  | 'not-fixture'
  | 'unsupported'
  | 'connection'
  | 'timeout'
  | 'cancelled'
  | 'http'
  | 'redirect'
  | 'provider-error'
  | 'malformed'
  | 'incomplete'
  | 'too-large'
  | 'key-in-response';

export class RerecordError extends Error {
  constructor(
    readonly kind: RerecordErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RerecordError';
  }

  /** Whether the request was never attempted because of what was asked (exit 2 in the CLI). */
  get isUsage(): boolean {
    return this.kind === 'usage' || this.kind === 'not-fixture' || this.kind === 'unsupported';
  }
}

export const REDACTED = '[redacted]';

/** Removes a secret from any text about to be shown, and keeps that text on one line. */
export class Redactor {
  constructor(private readonly secret: string | undefined) {}

  redact(text: string): string {
    let out = text;
    if (this.secret) out = out.split(this.secret).join(REDACTED);
    return out;
  }

  /** One line, bounded length, secret removed: safe for stderr, notifications and logs. */
  line(text: string, max = 300): string {
    const flat = this.redact(text).replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  }

  error(e: RerecordError): RerecordError {
    return new RerecordError(e.kind, this.line(e.message, 500));
  }
}
