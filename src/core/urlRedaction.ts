// A recorded URL as the tool shows it (CLI output, the transcript, diffs): credentials in its query or fragment
// (`?key=…`, `#access_token=…`) and provider keys anywhere in it are replaced by REDACTED, so printing an exchange's
// URL never prints a key the fixture holds (the diagnostic that reports the key shows a preview only).
import { isPlaceholder } from './secrets';

const CREDENTIAL_PARAMS = new Set(['key', 'api_key', 'apikey', 'api-key', 'x-api-key', 'access_token', 'auth_token', 'token', 'id_token', 'refresh_token', 'client_secret', 'password', 'sig', 'signature', 'x-amz-signature', 'x-amz-security-token', 'code']);
/** Values that stand for a secret without being one are left as written (a URL's own: `YOUR_API_KEY`). */
const URL_PLACEHOLDER = /^YOUR[_-]?\w*$/i;
const PROVIDER_KEY = /(?:sk-(?:ant-)?[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xai-[A-Za-z0-9]{20,}|hf_[A-Za-z0-9]{20,}|gsk_[A-Za-z0-9]{20,}|ya29\.[A-Za-z0-9._-]{20,})/g;

export function redactUrl(url: string): string {
  const keysOut = url.replace(PROVIDER_KEY, 'REDACTED');
  return keysOut.replace(/([?&#;])([^=&#;]+)=([^&#;]*)/g, (whole, sep: string, name: string, value: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // A malformed escape is compared as written.
    }
    if (!CREDENTIAL_PARAMS.has(decoded.toLowerCase()) || value === '' || isPlaceholder(value) || URL_PLACEHOLDER.test(value)) return whole;
    return `${sep}${name}=REDACTED`;
  });
}
