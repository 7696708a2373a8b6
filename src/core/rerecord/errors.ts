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

/** A key is redacted wherever this many of its characters in a row appear (a key cut by a preview). */
export const KEY_RUN = 8;

// Control characters (C0, DEL, C1) and the invisible marks that reorder or hide text: a provider's
// message must not move the cursor, retitle the terminal, write the clipboard or forge a line.
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Removes a secret from any text about to be shown, and keeps that text on one line. */
export class Redactor {
  /** Every run of KEY_RUN characters of the secret, for secrets at least that long. */
  private readonly runs: ReadonlySet<string> | undefined;

  constructor(private readonly secret: string | undefined) {
    if (secret !== undefined && secret.length >= KEY_RUN) {
      const runs = new Set<string>();
      for (let i = 0; i + KEY_RUN <= secret.length; i++) runs.add(secret.slice(i, i + KEY_RUN));
      this.runs = runs;
    }
  }

  /**
   * The text with the secret replaced, and with every run of KEY_RUN or more of its characters
   * replaced too: a message cut elsewhere (a preview, a provider that truncates what it echoes)
   * would otherwise show most of the key.
   */
  redact(text: string): string {
    const secret = this.secret;
    if (!secret) return text;
    if (!this.runs) return text.split(secret).join(REDACTED);
    let out = '';
    let copied = 0;
    let covered = -1;
    for (let i = 0; i + KEY_RUN <= text.length; i++) {
      if (!this.runs.has(text.slice(i, i + KEY_RUN))) continue;
      // Overlapping or touching runs (a key written twice) become one [redacted].
      if (i > covered) {
        if (covered > copied) out += REDACTED;
        out += text.slice(Math.max(copied, covered), i);
        copied = i;
      }
      covered = i + KEY_RUN;
    }
    if (covered < 0) return text;
    return `${out}${REDACTED}${text.slice(covered)}`;
  }

  /** One line, bounded length, secret removed, control characters shown as escapes: safe for stderr, notifications and logs. */
  line(text: string, max = 300): string {
    const flat = this.redact(text)
      .replace(/\s+/g, ' ')
      .trim()
      .replace(UNSAFE_IN_LINE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  }

  error(e: RerecordError): RerecordError {
    return new RerecordError(e.kind, this.line(e.message, 500));
  }
}
