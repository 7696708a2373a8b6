// Where a re-record goes: the base URL the user chose plus the recorded endpoint — checked so that the
// endpoint, which comes from the fixture, can only ever add a path and never move the request (and
// the API key) to another host ("@evil.example/…" would otherwise turn the base into a user name).
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
  if (!endpoint.startsWith('/') || /[\s\\?#]/.test(endpoint)) throw new RerecordError('unsupported', `the recorded endpoint ${JSON.stringify(endpoint.slice(0, 80))} is not a plain path`);
  const url = new URL(baseUrl.replace(/\/+$/, '') + endpoint);
  if (url.origin !== base.origin || url.username !== base.username || url.password !== base.password) {
    throw new RerecordError('unsupported', 'the recorded endpoint would send the request to another host');
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
