// The real transport: one POST over node:http or node:https, no redirects followed (Node never
// follows them, and the core refuses any 3xx), no proxy, no connection reuse, stopped by the signal.
import * as http from 'node:http';
import * as https from 'node:https';
import type { HttpRequest, HttpResponse, HttpTransport } from './transport';

function headerRecord(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export class NodeHttpTransport implements HttpTransport {
  send(request: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      if (signal.aborted) {
        reject(new Error('aborted before sending'));
        return;
      }
      const client = request.url.protocol === 'https:' ? https : http;
      // agent: false — a fresh connection that closes after the answer, so the CLI exits at once and
      // nothing pooled outlives the request.
      const req = client.request(request.url, {
        method: request.method,
        headers: { ...request.headers, 'content-length': String(request.body.byteLength) },
        agent: false,
      });
      const onAbort = (): void => {
        req.destroy(new Error('aborted'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const release = (): void => signal.removeEventListener('abort', onAbort);
      req.on('response', (res) => {
        res.on('close', release);
        resolve({ status: res.statusCode ?? 0, headers: headerRecord(res.headers), body: res });
      });
      req.on('error', (error) => {
        release();
        reject(error);
      });
      req.end(request.body);
    });
  }
}
