// A scriptable LLM provider on 127.0.0.1 for re-record tests: streams the scripted payloads as
// server-sent events (OpenAI) or NDJSON (Ollama), answers non-streamed requests with one JSON
// document, records every request it gets, and can misbehave on demand (see Fault).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { readonly kind: 'none' }
  /** Answer with this status and JSON body instead. */
  | { readonly kind: 'http-error'; readonly status: number; readonly body: unknown }
  /** Destroy the socket after sending this many payloads. */
  | { readonly kind: 'drop'; readonly after: number }
  /** Send a broken payload after this many good ones (and then finish normally). */
  | { readonly kind: 'malformed'; readonly after: number }
  /** Send this many payloads, then nothing more, keeping the connection open. */
  | { readonly kind: 'stall'; readonly after: number }
  /** Answer 302 with this Location. */
  | { readonly kind: 'redirect'; readonly location: string }
  /** End the stream cleanly but without [DONE] / without the final done line. */
  | { readonly kind: 'no-end' }
  /** Put the request's Authorization header into the answer text. */
  | { readonly kind: 'echo-authorization' }
  /** Send this many payloads, then only SSE comments (`: ping`) every `every` ms, never ending. */
  | { readonly kind: 'keep-alive'; readonly after: number; readonly every: number };

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface ProviderScript {
  /** Raw JSON text of each streamed payload, in order. */
  streamed: string[];
  /** Raw JSON text of the one non-streamed answer. */
  single: string;
  /** Milliseconds between streamed payloads (default 2). */
  pace?: number;
}

export interface FakeProvider {
  readonly url: string;
  readonly port: number;
  readonly requests: ReceivedRequest[];
  script: ProviderScript;
  fault: Fault;
  close(): Promise<void>;
}

export type StreamWire = 'sse' | 'ndjson';

function frame(wire: StreamWire, payload: string): string {
  return wire === 'sse' ? `data: ${payload}\n\n` : `${payload}\n`;
}

function isStreaming(body: string): boolean {
  try {
    return (JSON.parse(body) as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

export async function startFakeProvider(wire: StreamWire, script: ProviderScript): Promise<FakeProvider> {
  const requests: ReceivedRequest[] = [];
  const state = { script, fault: { kind: 'none' } as Fault };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      answer(req, res, body);
    });
  });

  const answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const fault = state.fault;
    if (fault.kind === 'http-error') {
      res.writeHead(fault.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fault.body));
      return;
    }
    if (fault.kind === 'redirect') {
      res.writeHead(302, { location: fault.location });
      res.end();
      return;
    }
    const echo = (payload: string): string => (fault.kind === 'echo-authorization' ? payload.replace('ECHO', req.headers.authorization ?? '') : payload);
    if (!isStreaming(body)) {
      if (fault.kind === 'stall') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      const text = echo(state.script.single);
      if (fault.kind === 'drop') {
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.end(fault.kind === 'malformed' ? text.slice(0, -1) : text);
      return;
    }
    res.writeHead(200, { 'content-type': wire === 'sse' ? 'text/event-stream' : 'application/x-ndjson' });
    res.flushHeaders();
    const payloads = state.script.streamed.map(echo);
    let i = 0;
    // One payload per tick, so the client really reads a stream and not one buffer.
    const next = (): void => {
      if (res.destroyed) return;
      if ((fault.kind === 'drop' || fault.kind === 'stall') && i === fault.after) {
        if (fault.kind === 'drop') res.socket?.destroy();
        return;
      }
      if (fault.kind === 'keep-alive' && i === fault.after) {
        const ping = (): void => {
          if (res.destroyed) return;
          res.write(': ping\n\n');
          setTimeout(ping, fault.every);
        };
        ping();
        return;
      }
      if (fault.kind === 'malformed' && i === fault.after) res.write(frame(wire, '{"id": "broken", "choices": ['));
      if (i < payloads.length) {
        res.write(frame(wire, payloads[i] as string));
        i++;
        setTimeout(next, state.script.pace ?? 2);
        return;
      }
      if (wire === 'sse' && fault.kind !== 'no-end') res.write('data: [DONE]\n\n');
      res.end();
    };
    next();
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get script() {
      return state.script;
    },
    set script(s: ProviderScript) {
      state.script = s;
    },
    get fault() {
      return state.fault;
    },
    set fault(f: Fault) {
      state.fault = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nobody listens on: bound, then closed again. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
