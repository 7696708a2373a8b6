// What the webview remembers across reloads (a window reload, or a webview VS Code had to drop): scroll positions,
// open sections, raw or rendered messages, the search text, the timeline's exchange and selected row, kept with
// setState and validated when read back.
import * as z from 'zod/mini';
import { vscodeApi } from './hostChannel';

const ViewStateSchema = z.object({
  scrollY: z._default(z.number(), 0),
  open: z._default(z.record(z.string(), z.boolean()), {}),
  query: z._default(z.string(), ''),
  timelineTop: z._default(z.number(), 0),
  activeRow: z._default(z.int(), -1),
  /** The exchange whose timeline is shown (-1: the primary one). */
  exchange: z._default(z.int(), -1),
  /** Every message shown raw (the exact characters) rather than rendered as Markdown. */
  raw: z._default(z.boolean(), false),
  /** Messages switched away from the global mode, by key. */
  rawToggled: z._default(z.record(z.string(), z.boolean()), {}),
});
export type ViewStateData = z.infer<typeof ViewStateSchema>;

export class ViewState {
  private data: ViewStateData;
  private scheduled = false;

  constructor() {
    const parsed = ViewStateSchema.safeParse(vscodeApi.getState() ?? {});
    this.data = parsed.success ? parsed.data : ViewStateSchema.parse({});
  }

  get value(): Readonly<ViewStateData> {
    return this.data;
  }

  isOpen(key: string, fallback: boolean): boolean {
    return this.data.open[key] ?? fallback;
  }

  setOpen(key: string, open: boolean): void {
    this.update({ open: { ...this.data.open, [key]: open } });
  }

  /** Coalesces a burst of updates (scrolling) into one setState per frame. */
  update(patch: Partial<ViewStateData>): void {
    this.data = { ...this.data, ...patch };
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      vscodeApi.setState(this.data);
    });
  }
}
