// The webview's side of the protocol: validates every message from the host, sends ours, and pairs requests with
// replies by id. Pending requests are rejected when a newer transcript makes them moot.
import { parseHostMessage, type HostMessage, type RowView, type Transcript, type WebviewMessage } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** VS Code allows acquireVsCodeApi() once per page. */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();

interface Pending {
  readonly resolve: (reply: readonly RowView[] | string) => void;
  readonly reject: (reason: Error) => void;
}

export class HostChannel {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly onTranscript: (generation: number, transcript: Transcript) => void) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = parseHostMessage(event.data);
      // Whatever does not parse is ignored.
      if (message) this.receive(message);
    });
  }

  private receive(message: HostMessage): void {
    switch (message.type) {
      case 'transcript':
        this.rejectPending('a newer transcript arrived');
        this.onTranscript(message.generation, message.transcript);
        return;
      case 'rows':
      case 'text': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        pending?.resolve(message.type === 'rows' ? message.rows : message.text);
        return;
      }
    }
  }

  send(message: WebviewMessage): void {
    vscodeApi.postMessage(message);
  }

  requestRows(generation: number, start: number, count: number): Promise<readonly RowView[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (reply) => (typeof reply === 'string' ? reject(new Error('a text answered a rows request')) : resolve(reply)), reject });
      this.send({ type: 'requestRows', id, generation, start, count });
    });
  }

  /** The rest of a text block held back from the first paint (its `rest` index). */
  requestText(generation: number, index: number): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (reply) => (typeof reply === 'string' ? resolve(reply) : reject(new Error('rows answered a text request'))), reject });
      this.send({ type: 'requestText', id, generation, index });
    });
  }

  private rejectPending(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }
}
