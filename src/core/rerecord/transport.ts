// The one seam between re-recording and the network, so the core stays pure and tests can hand it
// anything from a real socket to a scripted stream. httpTransport.ts is the real one.

export interface HttpRequest {
  readonly url: URL;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as it arrives; iteration throws when the connection breaks or the signal aborts. */
  readonly body: AsyncIterable<Uint8Array>;
}

export interface HttpTransport {
  /**
   * Sends the request and resolves once the status and headers have arrived. An implementation must
   * never follow a redirect (the Authorization header would go with it) and must stop as soon as
   * `signal` aborts, rejecting or failing the body's iteration.
   */
  send(request: HttpRequest, signal: AbortSignal): Promise<HttpResponse>;
}
