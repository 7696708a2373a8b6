// Which documents Fixture Lens reads: JSON, JSONC, YAML and plain text (the seeds end in .txt; httprr traces
// have no language of their own) that look like a recording or a cassette, from any scheme except the
// read-only views other tools derive from a file.
import * as vscode from 'vscode';
import { FixtureDocuments } from '../fixtureDocuments';
import { FIXTURE_LANGUAGES } from '../fixtureLanguages';

export { FIXTURE_LANGUAGES };

export const FIXTURE_SELECTOR: vscode.DocumentSelector = FIXTURE_LANGUAGES.map((language) => ({ language }));

// A git or diff view of a fixture would otherwise repeat every problem of the file in the Problems panel;
// our own reassembled view is Markdown and never a fixture.
const DERIVED_SCHEMES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'vscode-chat-code-block', 'fixture-lens-reassembled']);

// looksLikeFixture reads the whole text; code actions are asked for on every cursor move, so the answer
// is kept per document version.
const verdicts = new WeakMap<vscode.TextDocument, { readonly version: number; readonly languageId: string; readonly isFixture: boolean }>();

export function isFixtureDocument(document: vscode.TextDocument): boolean {
  if (DERIVED_SCHEMES.has(document.uri.scheme)) return false;
  const known = verdicts.get(document);
  // A language change keeps the document and its version: the language is part of the answer.
  if (known && known.version === document.version && known.languageId === document.languageId) return known.isFixture;
  const isFixture = FixtureDocuments.looksLikeFixture(document);
  verdicts.set(document, { version: document.version, languageId: document.languageId, isFixture });
  return isFixture;
}

/** Whether live validation covers this document, fixture or not (the workspace run defers to it). */
export function isLiveValidated(document: vscode.TextDocument): boolean {
  return !DERIVED_SCHEMES.has(document.uri.scheme) && FIXTURE_LANGUAGES.includes(document.languageId);
}
