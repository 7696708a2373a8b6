// The few response headers the bodies layer reads: Content-Type's media type and Content-Encoding's codings.
import type { Header } from '../containers/types';

/** The first value of a header, by case-insensitive name. */
export function headerNamed(headers: readonly Header[], name: string): string | null {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === lower) return h.value;
  return null;
}

/** `type/subtype` of a Content-Type value, lower-cased, without parameters; null when there is none. */
export function mediaTypeOf(contentType: string | null): string | null {
  if (contentType === null) return null;
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return essence === '' ? null : essence;
}

/** The codings Content-Encoding lists (every such header), lower-cased: `gzip, br` → ['gzip', 'br']. */
export function contentCodings(headers: readonly Header[]): readonly string[] {
  const codings: string[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'content-encoding') continue;
    for (const part of h.value.split(',')) {
      const coding = part.trim().toLowerCase();
      if (coding !== '') codings.push(coding);
    }
  }
  return codings;
}
