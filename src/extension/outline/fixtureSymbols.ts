// VS Code's Outline of a fixture (DocumentSymbolProvider): the turns of fixtureOutline.ts as document symbols.
import * as vscode from 'vscode';
import { toRange, type FixtureDocuments } from '../fixtureDocuments';
import { isFixtureDocument } from '../language/fixtureSelector';
import { fixtureOutline, type OutlineEntry } from './fixtureOutline';

const KINDS: Readonly<Record<OutlineEntry['kind'], vscode.SymbolKind>> = {
  exchange: vscode.SymbolKind.Event,
  message: vscode.SymbolKind.String,
  answer: vscode.SymbolKind.Object,
};

export class FixtureSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly documents: FixtureDocuments) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    if (!isFixtureDocument(document)) return [];
    const toSymbol = (entry: OutlineEntry): vscode.DocumentSymbol => {
      const range = toRange(document, entry.span);
      const symbol = new vscode.DocumentSymbol(entry.name, entry.detail, KINDS[entry.kind], range, range);
      symbol.children = entry.children.map(toSymbol);
      return symbol;
    };
    return fixtureOutline(this.documents.analyze(document)).map(toSymbol);
  }
}
