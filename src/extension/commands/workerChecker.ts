// The extension host's end of the validation worker: sends it files, turns its answers into FileChecks.
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { basename } from '../paths';
import type { WorkerResponse } from './validationWorkerProtocol';
import { toFileCheck, type FileCheck } from './workspaceValidation';

export class WorkerChecker implements vscode.Disposable {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (response: WorkerResponse | Error) => void>();
  private failure: Error | undefined;

  constructor(script: string) {
    this.worker = new Worker(script);
    this.worker.on('message', (response: WorkerResponse) => {
      const settle = this.pending.get(response.id);
      this.pending.delete(response.id);
      settle?.(response);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the validation worker stopped (exit code ${code})`)));
  }

  /** `bytes` when the host read the file itself; otherwise the worker reads it from the local disk. */
  check(uri: vscode.Uri, bytes?: Uint8Array): Promise<FileCheck | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const answer = new Promise<WorkerResponse | Error>((resolve) => this.pending.set(id, resolve));
    const fileName = basename(uri.path);
    this.worker.postMessage(bytes ? { id, fileName, bytes } : { id, fileName, path: uri.fsPath });
    return answer.then((response) => {
      if (response instanceof Error) throw response;
      if (!response.check) return undefined;
      return toFileCheck(response.check);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const settle of this.pending.values()) settle(error);
    this.pending.clear();
  }

  dispose(): void {
    this.fail(new Error('the validation worker was stopped'));
    void this.worker.terminate();
  }
}
