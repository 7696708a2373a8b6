// What only the bytes on disk tell. VS Code drops a UTF-8 byte order mark when it opens a file and
// decodes bytes that are not UTF-8 leniently, so an open document's text hides both problems, which
// still break replay. The file is read once when it opens and after each save, never per keystroke.
import * as vscode from 'vscode';
import { decodeFixtureBytes, makeDiagnostic, type FixtureDiagnostic } from '../../core';

export interface FileByteFacts {
  readonly byteOrderMark: boolean;
  /** `not-text` from the decoder, with offsets into the leniently decoded text. */
  readonly decodeProblems: readonly FixtureDiagnostic[];
}

export const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf] as const;

export function startsWithByteOrderMark(bytes: Uint8Array): boolean {
  return bytes[0] === BYTE_ORDER_MARK[0] && bytes[1] === BYTE_ORDER_MARK[1] && bytes[2] === BYTE_ORDER_MARK[2];
}

/** Undefined for documents with no file behind them (untitled, virtual documents) or unreadable files. */
export async function readFileByteFacts(uri: vscode.Uri): Promise<FileByteFacts | undefined> {
  if (uri.scheme === 'untitled' || vscode.workspace.fs.isWritableFileSystem(uri.scheme) === undefined) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
  return { byteOrderMark: startsWithByteOrderMark(bytes), decodeProblems: decodeFixtureBytes(bytes).diagnostics };
}

/** The diagnostics the bytes add to what the text shows; `firstChar` is the document's first character. */
export function byteFactDiagnostics(facts: FileByteFacts, firstChar: string, textLength: number): FixtureDiagnostic[] {
  const out: FixtureDiagnostic[] = [];
  // When the text itself starts with U+FEFF the core reports it already.
  if (facts.byteOrderMark && firstChar !== '\uFEFF') {
    out.push(
      makeDiagnostic(
        'byte-order-mark',
        "The file on disk starts with a UTF-8 byte order mark (the editor hides it); Python's json.load rejects it.",
        { start: 0, end: Math.min(1, textLength) },
        [],
      ),
    );
  }
  for (const d of facts.decodeProblems) {
    out.push({ ...d, span: { start: Math.min(d.span.start, textLength), end: Math.min(d.span.end, textLength) } });
  }
  return out;
}
