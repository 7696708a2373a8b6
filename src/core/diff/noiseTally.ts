// Noise as a diff keeps it: every noise value counted, the first few kept to show on request (a re-chunked
// stream differs in every chunk's obfuscation; building thousands of changes only to drop them costs time).
import type { ValueChange } from './types';

export class NoiseTally {
  count = 0;
  readonly examples: ValueChange[] = [];

  constructor(private readonly keep: number) {}

  add(change: ValueChange): void {
    this.count++;
    if (this.examples.length < this.keep) this.examples.push(change);
  }

  /** Counted; the change is made only when it is kept. */
  addLazy(make: () => ValueChange): void {
    this.count++;
    if (this.examples.length < this.keep) this.examples.push(make());
  }
}
