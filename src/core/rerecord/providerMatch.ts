// Reads the `fixtureLens.providers` setting and picks the entry for a fixture. The fixture's recorded
// URL only selects an entry; the request always goes to that entry's baseUrl, so a fixture can never
// choose where an API key is sent.

export interface ProviderEntry {
  /** A recorded origin (https://api.openai.com) or URL prefix (http://0.0.0.0:11434/v1/). */
  readonly match: string;
  /** Where re-recording sends the request; the recorded endpoint is appended. */
  readonly baseUrl: string;
  /** Name of the API key in the editor's secret storage. */
  readonly secret?: string | undefined;
  /** Environment variable holding the API key. */
  readonly apiKeyEnv?: string | undefined;
}

export interface ProviderSettings {
  readonly entries: readonly ProviderEntry[];
  /** One line per entry that was skipped, saying why. */
  readonly problems: readonly string[];
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function parseProviderSettings(value: unknown): ProviderSettings {
  const entries: ProviderEntry[] = [];
  const problems: string[] = [];
  if (!Array.isArray(value)) return { entries, problems: value === undefined || value === null ? [] : ['fixtureLens.providers is not a list'] };
  value.forEach((raw: unknown, i) => {
    const r = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const match = optionalString(r['match']);
    const baseUrl = optionalString(r['baseUrl']);
    if (!match || !baseUrl) {
      problems.push(`entry ${i + 1} needs both "match" and "baseUrl"`);
      return;
    }
    entries.push({ match, baseUrl, secret: optionalString(r['secret']), apiKeyEnv: optionalString(r['apiKeyEnv']) });
  });
  return { entries, problems };
}

/** How specific a match is for this URL (longer is better), or -1 when it does not match. */
function matchLength(match: string, recordedUrl: string): number {
  let m: URL | undefined;
  let r: URL | undefined;
  try {
    m = new URL(match);
    r = new URL(recordedUrl);
  } catch {
    // Not URLs: plain prefix comparison below.
  }
  if (m && r && m.pathname === '/' && m.search === '' && m.hash === '') {
    // An origin: scheme, host and port must be equal (URL normalizes case and default ports).
    return m.origin === r.origin ? m.origin.length : -1;
  }
  if (!recordedUrl.startsWith(match)) return -1;
  // A prefix ends at a path boundary: /v1 matches /v1/chat but not /v10.
  const next = recordedUrl.charAt(match.length);
  return match.endsWith('/') || next === '' || next === '/' || next === '?' ? match.length : -1;
}

/** The most specific entry whose match fits the recorded URL. */
export function matchProvider(entries: readonly ProviderEntry[], recordedUrl: string | undefined): ProviderEntry | undefined {
  if (recordedUrl === undefined) return undefined;
  let best: ProviderEntry | undefined;
  let bestLength = -1;
  for (const entry of entries) {
    const length = matchLength(entry.match, recordedUrl);
    if (length > bestLength) {
      best = entry;
      bestLength = length;
    }
  }
  return best;
}
