// An Ollama-style provider for tests: streams /api/generate and /api/chat answers as NDJSON (one JSON
// object a line, the last with "done": true) and answers "stream": false requests with one document.
import { startFakeProvider, type FakeProvider, type ProviderScript } from './fakeProvider';

export function startOllamaServer(script: ProviderScript): Promise<FakeProvider> {
  return startFakeProvider('ndjson', script);
}
