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

type Reply = { readonly kind: 'rows'; readonly rows: readonly RowView[] } | { readonly kind: 'text'; readonly text: string } | { readonly kind: 'matches'; readonly rows: readonly number[]; readonly total: number };

interface Pending {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (reason: Error) => void;
}

export class HostChannel {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly onTranscript: (generation: number, transcript: Transcript) => void,
    private readonly onNotice: (text: string) => void,
  ) {
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
      case 'text':
      case 'rowMatches': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'rows') pending?.resolve({ kind: 'rows', rows: message.rows });
        else if (message.type === 'text') pending?.resolve({ kind: 'text', text: message.text });
        else pending?.resolve({ kind: 'matches', rows: message.rows, total: message.total });
        return;
      }
      case 'notice':
        this.onNotice(message.text);
        return;
    }
  }

  send(message: WebviewMessage): void {
    vscodeApi.postMessage(message);
  }

  private request<K extends Reply['kind']>(kind: K, send: (id: number) => WebviewMessage): Promise<Extract<Reply, { kind: K }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (reply) => (reply.kind === kind ? resolve(reply as Extract<Reply, { kind: K }>) : reject(new Error(`a ${reply.kind} reply answered a ${kind} request`))), reject });
      this.send(send(id));
    });
  }

  async requestRows(generation: number, exchange: number, start: number, count: number): Promise<readonly RowView[]> {
    return (await this.request('rows', (id) => ({ type: 'requestRows', id, generation, exchange, start, count }))).rows;
  }

  /** The rest of a text block held back from the first paint (its `rest` index). */
  async requestText(generation: number, index: number): Promise<string> {
    return (await this.request('text', (id) => ({ type: 'requestText', id, generation, index }))).text;
  }

  /** The timeline rows of an exchange whose text holds `query`. */
  async searchRows(generation: number, exchange: number, query: string): Promise<{ rows: readonly number[]; total: number }> {
    const reply = await this.request('matches', (id) => ({ type: 'searchRows', id, generation, exchange, query }));
    return { rows: reply.rows, total: reply.total };
  }

  private rejectPending(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }
}
