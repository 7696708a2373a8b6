// Where a scalar scanner puts what it reads: the decoded value (while parsing) or the map from decoded
// characters to text offsets (later, when a position is asked for). One scanner feeds both, so they agree.

export interface ScalarSink {
  /** text[start, end) appears unchanged in the value. */
  copy(start: number, end: number): void;
  /** `produced` stands for the source construct at `at` (an escape, a folded line break, a doubled quote). */
  put(produced: string, at: number): void;
}

/**
 * Builds the decoded value from pieces; a scalar written on one line costs one slice. Pieces are joined a
 * batch at a time, so a long body with an escape every few characters (JSON written double-quoted) keeps
 * a short list of long strings rather than millions of tiny ones.
 */
export class ValueSink implements ScalarSink {
  private readonly parts: string[] = [];
  private batch: string[] = [];

  constructor(private readonly text: string) {}

  copy(start: number, end: number): void {
    if (end > start) this.add(this.text.slice(start, end));
  }

  put(produced: string): void {
    if (produced !== '') this.add(produced);
  }

  private add(piece: string): void {
    this.batch.push(piece);
    if (this.batch.length === 256) {
      this.parts.push(this.batch.join(''));
      this.batch = [];
    }
  }

  value(): string {
    if (this.parts.length === 0) return this.batch.length === 1 ? (this.batch[0] as string) : this.batch.join('');
    if (this.batch.length > 0) this.parts.push(this.batch.join(''));
    this.batch = [];
    return this.parts.join('');
  }
}
