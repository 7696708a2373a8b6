// Where a provider's API key comes from: the editor's secret storage (set with "Fixture Lens: Set API
// Key") or an environment variable — never from settings. Keys are returned to the caller only; nothing
// here logs or shows them.
import type * as vscode from 'vscode';
import type { ProviderEntry } from '../../core/rerecord';

/** Secret storage is per extension already; the prefix keeps the key names apart from anything else stored. */
export function secretStorageKey(name: string): string {
  return `fixtureLens.apiKey.${name}`;
}

export const SECRET_NAME = /^[\w.:-]{1,100}$/;

export type KeyLookup =
  | { readonly kind: 'none' }
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'missing'; readonly message: string; readonly secretName?: string };

export async function lookUpApiKey(entry: ProviderEntry, secrets: vscode.SecretStorage, env: NodeJS.ProcessEnv): Promise<KeyLookup> {
  if (entry.secret !== undefined) {
    const key = await secrets.get(secretStorageKey(entry.secret));
    if (key) return { kind: 'key', key };
    if (entry.apiKeyEnv === undefined) return { kind: 'missing', message: `No API key is stored as "${entry.secret}"`, secretName: entry.secret };
  }
  if (entry.apiKeyEnv !== undefined) {
    const key = env[entry.apiKeyEnv];
    if (key) return { kind: 'key', key };
    return { kind: 'missing', message: `The environment variable ${entry.apiKeyEnv} is not set${entry.secret !== undefined ? ` and no API key is stored as "${entry.secret}"` : ''}`, ...(entry.secret !== undefined ? { secretName: entry.secret } : {}) };
  }
  // Neither named: a local provider (Ollama) that needs no key.
  return { kind: 'none' };
}
