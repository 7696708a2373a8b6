// Which links from a fixture may be opened outside VS Code: web and mail links only, never javascript:, data:,
// file:, command: or anything else a fixture could smuggle in. Pure, so it is unit-tested.

const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The normalized URL when it may be opened outside VS Code, else undefined. */
export function openableUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  return ALLOWED_SCHEMES.has(parsed.protocol) ? parsed.href : undefined;
}
