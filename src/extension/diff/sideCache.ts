// Fixture sides (decoded, analyzed, judged a fixture) cached by their bytes' hash: a refresh after a one-file
// change analyzes one file, and a blob of the base revision is read and analyzed once.
import { createHash } from 'node:crypto';
import { readFixtureSide, type FixtureSide } from '../../core/diff';

/** Sides kept; the oldest are dropped past it (a 300-file re-record keeps both of its sides). */
const MAX_SIDES = 1000;

export class SideCache {
  private readonly sides = new Map<string, FixtureSide>();
  /** Blobs of a commit never change: `${commit}:${path}` → bytes' hash. */
  private readonly blobs = new Map<string, string>();

  side(bytes: Uint8Array): FixtureSide {
    const key = createHash('sha1').update(bytes).digest('hex');
    const hit = this.sides.get(key);
    if (hit) return hit;
    const side = readFixtureSide(bytes);
    this.sides.set(key, side);
    if (this.sides.size > MAX_SIDES) this.sides.delete(this.sides.keys().next().value as string);
    return side;
  }

  /** The side of `path` at `commit`, read only the first time it is asked for. */
  async committed(commit: string, path: string, read: () => Promise<Uint8Array>): Promise<FixtureSide> {
    const key = this.blobs.get(`${commit}:${path}`);
    const hit = key === undefined ? undefined : this.sides.get(key);
    if (hit) return hit;
    const bytes = await read();
    const side = this.side(bytes);
    this.blobs.set(`${commit}:${path}`, createHash('sha1').update(bytes).digest('hex'));
    if (this.blobs.size > MAX_SIDES) this.blobs.delete(this.blobs.keys().next().value as string);
    return side;
  }

  clear(): void {
    this.sides.clear();
    this.blobs.clear();
  }
}
