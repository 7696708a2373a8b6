// The pieces every JSON cassette reader builds an exchange from: what a reader returns, and requests and
// responses whose spans are located only when asked for.
import type { Exchange, Header, RecordedRequest, RecordedResponse, StoredBody, TextSource } from '../types';
import type { FixtureDiagnostic, JsonPath, Span } from '../../diagnostic';
import { NO_BODY } from './jsonBodies';
import type { JsonSources } from './jsonSources';

export interface ContainerRead {
  readonly exchanges: readonly Exchange[];
  readonly diagnostics: readonly FixtureDiagnostic[];
}

export interface RequestParts {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly Header[];
  readonly body: StoredBody;
  readonly urlSource?: TextSource | undefined;
}

export interface ResponseParts {
  readonly status: number | null;
  readonly statusMessage?: string | undefined;
  readonly headers: readonly Header[];
  readonly body: StoredBody;
}

function lazySpan(sources: JsonSources, path: JsonPath): () => Span {
  let span: Span | undefined;
  return () => (span ??= sources.span(path));
}

export function recordedRequest(sources: JsonSources, path: JsonPath, parts: RequestParts): RecordedRequest {
  const spanOf = lazySpan(sources, path);
  return {
    method: parts.method,
    url: parts.url,
    headers: parts.headers,
    body: parts.body,
    path,
    urlSource: parts.urlSource,
    get span() {
      return spanOf();
    },
  };
}

/** A request the file does not record (a container-schema problem says so): kept so exchange indexes stay the file's. */
export function missingRequest(sources: JsonSources, path: JsonPath): RecordedRequest {
  return recordedRequest(sources, path, { method: '', url: '', headers: [], body: NO_BODY });
}

export function recordedResponse(sources: JsonSources, path: JsonPath, parts: ResponseParts): RecordedResponse {
  const spanOf = lazySpan(sources, path);
  return {
    status: parts.status,
    statusMessage: parts.statusMessage,
    headers: parts.headers,
    body: parts.body,
    path,
    get span() {
      return spanOf();
    },
  };
}

export function exchange(
  sources: JsonSources,
  index: number,
  path: JsonPath,
  request: RecordedRequest,
  response: RecordedResponse | undefined,
  recordedAt?: string,
): Exchange {
  const spanOf = lazySpan(sources, path);
  return {
    index,
    request,
    response,
    path,
    recordedAt,
    get span() {
      return spanOf();
    },
  };
}
