// Where a scalar scanner puts what it reads: the decoded value (while parsing) or the map from decoded
// characters to text offsets (later, when a position is asked for). One scanner feeds both, so they agree.

export interface ScalarSink {
  /** text[start, end) appears unchanged in the value. */
  copy(start: number, end: number): void;
  /** `produced` stands for the source construct at `at` (an escape, a folded line break, a doubled quote). */
  put(produced: string, at: number): void;
}

/** Builds the decoded value from pieces; a scalar written on one line costs one slice. */
export class ValueSink implements ScalarSink {
  private readonly parts: string[] = [];

  constructor(private readonly text: string) {}

  copy(start: number, end: number): void {
    if (end > start) this.parts.push(this.text.slice(start, end));
  }

  put(produced: string): void {
    this.parts.push(produced);
  }

  value(): string {
    return this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
  }
}
