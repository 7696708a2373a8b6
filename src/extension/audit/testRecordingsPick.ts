// The Quick Pick of a test's recordings: model, endpoint and the first words of the answer for each; the one
// picked opens in the transcript.
import * as vscode from 'vscode';
import { analyzeFixture, type FixtureAnalysis } from '../../core';
import { pyUrlParse } from '../../core/ogx/pyUrlParse';
import { basename } from '../paths';
import { readText } from './recordingIndex';

export interface RecordingItem extends vscode.QuickPickItem {
  readonly uri: vscode.Uri;
}

const FIRST_WORDS = 12;

export async function recordingItems(uris: readonly vscode.Uri[]): Promise<RecordingItem[]> {
  const items = await Promise.all(uris.map(async (uri): Promise<RecordingItem> => {
    const text = await readText(uri);
    if (text === undefined) return { uri, label: basename(uri.path), detail: 'cannot be read' };
    const analysis = analyzeFixture(text, { fileName: basename(uri.path) });
    return { uri, label: `${modelOf(analysis)} · ${endpointOf(analysis)}`, description: basename(uri.path), detail: answerOf(analysis) };
  }));
  return items;
}

function modelOf(a: FixtureAnalysis): string {
  const requested = a.request?.['model'];
  return a.reassembly.model ?? (typeof requested === 'string' && requested !== '' ? requested : 'no model');
}

function endpointOf(a: FixtureAnalysis): string {
  const exchange = a.exchanges[0];
  if (exchange && exchange.url !== '') return pyUrlParse(exchange.url).path || exchange.url;
  const endpoint = a.request?.['endpoint'] ?? a.request?.['tool_name'];
  return typeof endpoint === 'string' ? endpoint : '?';
}

/** The first words of the answer, or what the answer is when it has no text. */
export function answerOf(a: FixtureAnalysis): string {
  const r = a.reassembly;
  if (r.error) return `error: ${r.error.message ?? r.error.type ?? 'recorded exception'}`;
  const choice = r.choices[0];
  const words = (choice?.content ?? '').trim().split(/\s+/).filter((w) => w !== '');
  if (words.length > 0) return words.length > FIRST_WORDS ? `${words.slice(0, FIRST_WORDS).join(' ')} …` : words.join(' ');
  const tools = choice?.toolCalls.map((t) => t.name ?? '?') ?? [];
  if (tools.length > 0) return `calls ${tools.join(', ')}`;
  return r.choices.length === 0 ? `no text (${r.dialect})` : '(empty answer)';
}

export async function showTestRecordings(uris: readonly vscode.Uri[], testName?: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showQuickPick(recordingItems(uris), { title: testName === undefined ? 'Recordings' : `Recordings of ${testName}`, matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  await vscode.commands.executeCommand('vscode.openWith', picked.uri, 'fixtureLens.transcript');
  return picked.uri;
}
