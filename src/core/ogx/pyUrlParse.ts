// Python's urllib.parse.urlparse, only as far as the recipes need (scheme, netloc, path): the
// endpoint the recorder hashed is urlparse(url).path, quirks included.

const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const USES_PARAMS = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtsps', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);

export function pyUrlParse(input: string): { scheme: string; netloc: string; path: string } {
  let url = input.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  const colon = url.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) [scheme, url] = [url.slice(0, colon).toLowerCase(), url.slice(colon + 1)];
  if (url.startsWith('//')) {
    const ends = ['/', '?', '#'].map((c) => url.indexOf(c, 2)).filter((i) => i >= 0);
    const delim = ends.length ? Math.min(...ends) : url.length;
    [netloc, url] = [url.slice(2, delim), url.slice(delim)];
  }
  const hash = url.indexOf('#');
  if (hash !== -1) url = url.slice(0, hash);
  const query = url.indexOf('?');
  if (query !== -1) url = url.slice(0, query);
  if (USES_PARAMS.has(scheme) && url.includes(';')) url = url.slice(0, splitParamsIndex(url));
  return { scheme, netloc, path: url };
}

// urlparse's _splitparams: ";params" belongs to the last path segment.
function splitParamsIndex(url: string): number {
  const i = url.includes('/') ? url.indexOf(';', url.lastIndexOf('/')) : url.indexOf(';');
  return i < 0 ? url.length : i;
}
