// An OpenAI-compatible provider for tests: streams chat/completion chunks as server-sent events
// (`data: {...}` … `data: [DONE]`) and answers non-streamed requests with one JSON document.
import { startFakeProvider, type FakeProvider, type ProviderScript } from './fakeProvider';

export function startOpenAiServer(script: ProviderScript): Promise<FakeProvider> {
  return startFakeProvider('sse', script);
}
