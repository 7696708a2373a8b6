// Where a re-record goes: the base URL the user chose plus the recorded endpoint — checked so that the
// endpoint, which comes from the fixture, can only ever add a path below the base URL's own, and never
// move the request (and the API key) to another host ("@evil.example/…" would otherwise turn the base
// into a user name) or up out of its path ("/../", or "%2e%2e", which URL parsers also read as "..").
import { RerecordError } from './errors';

export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RerecordError('usage', 'the base URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RerecordError('usage', `the base URL must start with http:// or https://, not ${url.protocol}//`);
  if (url.search !== '' || url.hash !== '') throw new RerecordError('usage', 'the base URL must not have a query or a fragment');
  return url;
}

/** The base URL with its trailing slashes removed, followed by the endpoint. */
export function requestUrl(baseUrl: string, endpoint: string): URL {
  const base = parseBaseUrl(baseUrl);
  const shown = JSON.stringify(endpoint.slice(0, 80));
  const notPlain = (): RerecordError => new RerecordError('unsupported', `the recorded endpoint ${shown} is not a plain path`);
  if (!endpoint.startsWith('/') || /[\s\\?#]/.test(endpoint)) throw notPlain();
  let decoded: string;
  try {
    decoded = decodeURIComponent(endpoint);
  } catch {
    throw notPlain();
  }
  // Decoded first, so that %2e and %2f spell a dot segment as surely as . and / do.
  if (decoded.split(/[/\\]/).some((segment) => segment === '.' || segment === '..')) {
    throw new RerecordError('unsupported', `the recorded endpoint ${shown} has a . or .. segment, which would leave the base URL's path`);
  }
  const url = new URL(baseUrl.replace(/\/+$/, '') + endpoint);
  if (url.origin !== base.origin || url.username !== base.username || url.password !== base.password) {
    throw new RerecordError('unsupported', 'the recorded endpoint would send the request to another host');
  }
  // Whatever a URL parser makes of the text, the result must lie below the base URL's path.
  if (!url.pathname.startsWith(`${base.pathname.replace(/\/+$/, '')}/`)) {
    throw new RerecordError('unsupported', `the recorded endpoint ${shown} would leave the base URL's path`);
  }
  return url;
}

/** A URL fit to show: scheme, host and path only (no user name, password or query). */
export function displayUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}

/** What one approval to send covers: the destination's scheme, host, port and whole path (base URL + endpoint). */
export function approvalScope(url: URL): string {
  return displayUrl(url);
}
