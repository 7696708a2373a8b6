// The worker thread behind "Validate All Fixtures in Workspace": reads and analyzes files off the extension host's
// thread, so the editor stays responsive however large the files are (a 200 MB fixture takes seconds to analyze).
// It knows nothing of vscode; the host turns what it sends back into vscode.Diagnostics.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { checkBytes } from './fixtureBytesCheck';
import type { WorkerRequest, WorkerResponse } from './validationWorkerProtocol';

async function answer(request: WorkerRequest): Promise<WorkerResponse> {
  try {
    const bytes = request.bytes ?? (await readFile(request.path as string));
    return { id: request.id, check: checkBytes(bytes, request.fileName) };
  } catch (error) {
    // Unreadable (deleted meanwhile, no permission): counted by the host, never fatal to the run.
    return { id: request.id, check: null, error: error instanceof Error ? error.message : String(error) };
  }
}

// Requests are answered one at a time, in order: the host pairs answers with files by id and awaits them in order.
let queue = Promise.resolve();
parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => parentPort?.postMessage(await answer(request)));
});
