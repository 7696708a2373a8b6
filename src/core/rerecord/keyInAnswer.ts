// Whether a provider's answer holds the API key, also where no single item does: a stream can cut the
// key between two chunks' content (or tool-call arguments), and `reassemble` would then print it
// whole from the fixture. Every string field is joined across the items, keyed by its place in the
// item — array positions replaced by the element's own `index` where it has one, as choices and tool
// calls do — and each join is searched as it grows, keeping only a key's length of it.
import type { PyJson } from '../ogx/pythonJsonValue';

export class KeyWatch {
  /** Per field: the last key.length - 1 characters of its joined text. */
  private readonly tails = new Map<string, string>();
  private found = false;

  constructor(private readonly key: string) {}

  /** Looks at the next item; true once the key was seen, in it or joined across items. */
  see(payload: PyJson): boolean {
    if (this.found || this.key === '') return this.found;
    const stack: Array<readonly [PyJson, string]> = [[payload, '']];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      const [v, path] = top;
      if (v.kind === 'str') this.add(path, v.value);
      else if (v.kind === 'dict') for (const [k, item] of v.entries) stack.push([item, `${path}.${JSON.stringify(k)}`]);
      else if (v.kind === 'list') {
        v.items.forEach((item, i) => {
          const own = item.kind === 'dict' ? item.entries.get('index') : undefined;
          stack.push([item, `${path}[${own?.kind === 'int' ? `#${own.value}` : i}]`]);
        });
      }
      if (this.found) return true;
    }
    return false;
  }

  private add(path: string, text: string): void {
    const joined = (this.tails.get(path) ?? '') + text;
    if (joined.includes(this.key)) this.found = true;
    this.tails.set(path, joined.slice(Math.max(0, joined.length - this.key.length + 1)));
  }
}
