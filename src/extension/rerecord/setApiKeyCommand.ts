// "Fixture Lens: Set API Key": asks for a secret name (suggesting the names fixtureLens.providers uses)
// and the key (a password input), and keeps the key in the editor's secret storage — never in settings,
// never shown or logged. An empty key deletes the stored one. Scripts and tests may pass { name, value }.
import * as vscode from 'vscode';
import { parseProviderSettings } from '../../core/rerecord';
import { SECRET_NAME, secretStorageKey } from './apiKeys';

export interface SetApiKeyResult {
  readonly outcome: 'stored' | 'deleted' | 'cancelled';
  readonly name?: string;
}

function stringField(arg: unknown, field: 'name' | 'value'): string | undefined {
  if (arg === null || typeof arg !== 'object') return undefined;
  const v = (arg as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : undefined;
}

async function askName(): Promise<string | undefined> {
  const configured = parseProviderSettings(vscode.workspace.getConfiguration('fixtureLens').get<unknown>('providers')).entries.flatMap((e) => (e.secret ? [e.secret] : []));
  return vscode.window.showInputBox({
    title: 'Fixture Lens: Set API Key',
    prompt: 'Name of the key, as the "secret" of an entry in fixtureLens.providers',
    value: configured[0] ?? 'openai',
    ignoreFocusOut: true,
    validateInput: (v) => (SECRET_NAME.test(v) ? undefined : 'Letters, digits, and . _ : - only'),
  });
}

export async function setApiKeyCommand(secrets: vscode.SecretStorage, arg?: unknown): Promise<SetApiKeyResult> {
  const name = stringField(arg, 'name') ?? (await askName());
  if (name === undefined) return { outcome: 'cancelled' };
  if (!SECRET_NAME.test(name)) {
    void vscode.window.showErrorMessage('A key name may hold letters, digits, and . _ : - only.');
    return { outcome: 'cancelled' };
  }
  const value =
    stringField(arg, 'value') ??
    (await vscode.window.showInputBox({
      title: `Fixture Lens: API key "${name}"`,
      prompt: 'The key is kept in the editor\'s secret storage. Leave empty to delete the stored key.',
      password: true,
      ignoreFocusOut: true,
    }));
  if (value === undefined) return { outcome: 'cancelled' };
  if (value.trim() === '') {
    await secrets.delete(secretStorageKey(name));
    void vscode.window.showInformationMessage(`Deleted the API key "${name}".`);
    return { outcome: 'deleted', name };
  }
  await secrets.store(secretStorageKey(name), value.trim());
  void vscode.window.showInformationMessage(`Stored the API key "${name}" in the editor's secret storage.`);
  return { outcome: 'stored', name };
}
