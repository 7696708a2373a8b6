// The peer: what VS Code itself runs on any JSON file, vscode-json-languageservice's parse and
// validate (no schema is associated with a fixture, so validation is syntax and structure only).
import { getLanguageService, type LanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';

let service: LanguageService | undefined;

/** Parse + validate one text as the JSON language server does; resolves to the number of diagnostics. */
export async function peerValidate(text: string, uri = 'file:///workspace/fixture.json'): Promise<number> {
  service ??= getLanguageService({});
  const document = TextDocument.create(uri, 'json', 1, text);
  const json = service.parseJSONDocument(document);
  const diagnostics = await service.doValidation(document, json);
  return diagnostics.length;
}

/** Parse + validate, keeping the parsed document (for the memory measurement). */
export async function peerDocument(text: string): Promise<unknown> {
  service ??= getLanguageService({});
  const document = TextDocument.create('file:///workspace/fixture.json', 'json', 1, text);
  const json = service.parseJSONDocument(document);
  await service.doValidation(document, json);
  return json;
}
