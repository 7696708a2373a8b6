// Tests ↔ fixtures as links: a recording's test_id opens the test function (its file at the `def` line,
// parametrization stripped); in a Python test, the strings of VCR.use_cassette("…") and @pytest.mark.vcr("…")
// open their cassettes. Targets are found when a link is followed, not while the document is shown.
import * as vscode from 'vscode';
import { findTestDef, indexPythonTests, parseTestId, readRecordingFacts, rootFromLocation, type TestId } from '../../core/audit';
import { readText } from './recordingIndex';

/** Where a test is defined: the file and the 0-based line of its `def` (undefined when the file is not found). */
export async function locateTest(recording: vscode.Uri, test: TestId): Promise<{ uri: vscode.Uri; line: number } | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(recording);
  if (!folder) return undefined;
  const path = vscode.workspace.asRelativePath(recording, false).replace(/\\/g, '/');
  // The recorder wrote the file to <root>/<test dir>/recordings/: that says where <root> is; else the folder is the root.
  const roots = [rootFromLocation(path, test.file), ''].filter((r): r is string => r !== undefined);
  for (const root of roots) {
    const uri = joinRelative(folder.uri, root + test.file);
    if (!uri) continue;
    const text = await readText(uri);
    if (text === undefined) continue;
    const def = findTestDef(indexPythonTests(text), test.classes, test.name);
    return { uri, line: def?.line ?? 0 };
  }
  return undefined;
}

/** A Uri for a '/'-separated path relative to `base` ('../' allowed). */
export function joinRelative(base: vscode.Uri, path: string): vscode.Uri | undefined {
  const segments = base.path.split('/').filter((s) => s !== '');
  for (const seg of path.split('/')) {
    if (seg === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else if (seg !== '' && seg !== '.') segments.push(seg);
  }
  return base.with({ path: `/${segments.join('/')}` });
}

/** A file Uri that opens at a line (VS Code reads the #L fragment). */
export function atLine(uri: vscode.Uri, line: number): vscode.Uri {
  return uri.with({ fragment: `L${line + 1}` });
}

class TestLink extends vscode.DocumentLink {
  constructor(range: vscode.Range, readonly recording: vscode.Uri, readonly test: TestId) {
    super(range);
    this.tooltip = `Open the test ${[...test.classes, test.name].join('.')} in ${test.file}`;
  }
}

export class TestIdLinkProvider implements vscode.DocumentLinkProvider<TestLink> {
  provideDocumentLinks(document: vscode.TextDocument): TestLink[] {
    const facts = readRecordingFacts(vscode.workspace.asRelativePath(document.uri, false), document.getText());
    const span = facts?.testIdSpan;
    const test = typeof facts?.testId === 'string' ? parseTestId(facts.testId) : undefined;
    if (!span || !test) return [];
    // Inside the quotes: the link is the id itself.
    return [new TestLink(new vscode.Range(document.positionAt(span.start + 1), document.positionAt(span.end - 1)), document.uri, test)];
  }

  async resolveDocumentLink(link: TestLink): Promise<TestLink> {
    const found = await locateTest(link.recording, link.test);
    if (found) link.target = atLine(found.uri, found.line);
    return link;
  }
}

// use_cassette("name"), use_cassette(path="name"), @pytest.mark.vcr("name", "other"): the first string argument.
const CASSETTE_CALL = /\b(?:use_cassette|mark\.vcr)\(\s*(?:path\s*=\s*)?(['"])([^'"\n\\]{1,300})\1/g;

class CassetteLink extends vscode.DocumentLink {
  constructor(range: vscode.Range, readonly source: vscode.Uri, readonly name: string) {
    super(range);
    this.tooltip = `Open the cassette ${name}`;
  }
}

export class CassetteLinkProvider implements vscode.DocumentLinkProvider<CassetteLink> {
  provideDocumentLinks(document: vscode.TextDocument): CassetteLink[] {
    const text = document.getText();
    const links: CassetteLink[] = [];
    for (const m of text.matchAll(CASSETTE_CALL)) {
      const start = m.index + m[0].length - m[2]!.length - 1;
      links.push(new CassetteLink(new vscode.Range(document.positionAt(start), document.positionAt(start + m[2]!.length)), document.uri, m[2]!));
    }
    return links;
  }

  async resolveDocumentLink(link: CassetteLink): Promise<CassetteLink> {
    for (const uri of cassetteCandidates(link.source, link.name)) {
      try {
        await vscode.workspace.fs.stat(uri);
        link.target = uri;
        return link;
      } catch {
        // not there: the next place recorders use
      }
    }
    return link;
  }
}

/** Where a cassette named in a test may be: beside the test, in its cassettes/ folder (pytest-recording's, per module), or from the folder's root. */
export function cassetteCandidates(test: vscode.Uri, name: string): vscode.Uri[] {
  const dir = test.with({ path: test.path.slice(0, test.path.lastIndexOf('/')) });
  const module = test.path.slice(test.path.lastIndexOf('/') + 1).replace(/\.py$/, '');
  const names = /\.(ya?ml|json)$/.test(name) ? [name] : [name, `${name}.yaml`, `${name}.yml`];
  const bases = [dir, joinRelative(dir, 'cassettes'), joinRelative(dir, `cassettes/${module}`), vscode.workspace.getWorkspaceFolder(test)?.uri];
  const out: vscode.Uri[] = [];
  for (const base of bases) {
    if (!base) continue;
    for (const n of names) {
      const uri = name.startsWith('/') ? test.with({ path: n }) : joinRelative(base, n);
      if (uri && !out.some((o) => o.toString() === uri.toString())) out.push(uri);
    }
  }
  return out;
}
