// A YAML text to its tree, the way the recorders read it, never throwing: a syntax error is a problem with
// the parser's position, and reading goes on at the next entry of the document's top-level list (a cassette's
// exchanges), so one broken exchange does not hide the others.
import { breakLength, isBlank, isBlankOrEnd, isBreak, isDocumentMarker } from './yamlChars';
import { YamlComposer } from './yamlComposer';
import type { YamlMap, YamlNode, YamlSeq } from './yamlNodes';
import { YamlParser, type ParserResume } from './yamlParser';
import { YamlScanner, type ScannerResume } from './yamlScanner';
import { YamlSyntaxError } from './yamlSyntaxError';

export interface YamlProblem {
  readonly kind: 'syntax' | 'nesting' | 'aliases';
  readonly message: string;
  /** Where the problem was found. */
  readonly offset: number;
  /** Where the construct being read started, when there is one. */
  readonly context?: number | undefined;
  /** The path of the node the parser was reading. */
  readonly path?: readonly (string | number)[] | undefined;
}

export interface YamlDocument {
  readonly text: string;
  /** The first document's root node, as far as it could be read. */
  readonly root: YamlNode | undefined;
  readonly problems: readonly YamlProblem[];
  /** True for a JSON text (a vcrpy JSON cassette): its values follow JSON's rules, not YAML 1.1's. */
  readonly json: boolean;
}

/** After this many syntax errors the text is not read any further. */
const MAX_RECOVERIES = 50;
/** Resumed reads may cover the text this many times in all (an error found far past where reading resumes rereads). */
const MAX_REREADS = 3;

export function parseYaml(text: string): YamlDocument {
  const json = startsLikeJson(text);
  const composer = new YamlComposer(text, json);
  const problems: YamlProblem[] = [];
  let parser = new YamlParser(new YamlScanner(text));
  let lastResume = -1;
  let read = 0;
  for (let attempt = 0; ; attempt++) {
    const error = run(parser, composer);
    if (!error) break;
    read += error.offset - Math.max(lastResume, 0);
    problems.push({ kind: error.kind, message: error.message, offset: error.offset, context: error.context, path: composer.openPath() });
    const open = composer.openCollections();
    composer.closeAll(Math.min(error.offset, text.length));
    if (error.kind !== 'syntax' || attempt >= MAX_RECOVERIES || read > MAX_REREADS * text.length) break;
    const resume = findResume(text, open, error);
    if (!resume || resume.scanner.pos <= lastResume) break;
    lastResume = resume.scanner.pos;
    // What the error cut short ends where reading resumes, not past it.
    for (const node of open.slice(resume.reopen.length)) node.end = Math.max(node.start, Math.min(node.end, resume.scanner.pos));
    composer.reopen(resume.reopen);
    parser = new YamlParser(new YamlScanner(text, resume.scanner), { at: resume.at, handles: parser.tagHandles() });
  }
  if (composer.aliasesCutAt !== undefined) {
    problems.push({ kind: 'aliases', message: 'aliases here stand for more values than any cassette holds (an alias bomb?); they read as null', offset: composer.aliasesCutAt });
  }
  return { text, root: composer.root, problems, json };
}

/** Reads events into the composer until the first document ends; returns the syntax error that stopped it, if any. */
function run(parser: YamlParser, composer: YamlComposer): YamlSyntaxError | undefined {
  let documents = 0;
  try {
    for (let event = parser.next(); event; event = parser.next()) {
      if (event.type === 'document-start' && documents > 0) {
        // yaml.load reads one document: a second one is an error there.
        return new YamlSyntaxError(event.start, 'expected a single document, but found another document');
      }
      if (event.type === 'document-end') documents++;
      else composer.handle(event);
    }
    return undefined;
  } catch (e) {
    if (e instanceof YamlSyntaxError) return e;
    throw e;
  }
}

function startsLikeJson(text: string): boolean {
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

interface Resume {
  readonly scanner: ScannerResume;
  readonly at: ParserResume;
  readonly reopen: readonly (YamlSeq | YamlMap)[];
}

/**
 * Where reading can go on after a syntax error: when the error is inside a block sequence that is a value
 * of the root block mapping (a cassette's `interactions:`), at the next line that starts an entry of that
 * sequence, or failing that at the next key of the root mapping.
 */
function findResume(text: string, open: readonly (YamlSeq | YamlMap)[], error: YamlSyntaxError): Resume | undefined {
  const root = open[0];
  if (root?.kind !== 'map' || root.flow || columnOf(text, root.start) !== 0) return undefined;
  const list = open[1];
  const inList = list?.kind === 'seq' && !list.flow;
  const dashColumn = inList ? columnOf(text, list.start) : -1;
  const from = Math.min(error.offset, error.context ?? error.offset);
  for (let line = nextLineStart(text, from); line < text.length; line = nextLineStart(text, line)) {
    let p = line;
    while (text.charCodeAt(p) === 0x20) p++;
    const c = text.charCodeAt(p);
    if (isBreak(c) || c === 0x23 || p >= text.length) continue;
    const column = p - line;
    if (inList && column === dashColumn && c === 0x2d && isBlankOrEnd(text.charCodeAt(p + 1)) && !isDocumentMarker(text, p)) {
      const indentless = dashColumn === 0;
      return {
        scanner: { pos: line, indent: indentless ? 0 : dashColumn, indents: indentless ? [-1] : [-1, 0] },
        at: indentless ? 'indentless-sequence' : 'block-sequence',
        reopen: [root, list],
      };
    }
    if (column === 0 && !isBlank(c)) {
      if (isDocumentMarker(text, p) || c === 0x25) return undefined;
      if (c === 0x2d && isBlankOrEnd(text.charCodeAt(p + 1))) continue;
      return { scanner: { pos: line, indent: 0, indents: [-1] }, at: 'root-mapping', reopen: [root] };
    }
  }
  return undefined;
}

function columnOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isBreak(text.charCodeAt(i - 1))) i--;
  return offset - i;
}

function nextLineStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isBreak(text.charCodeAt(i))) i++;
  return i >= text.length ? text.length : i + breakLength(text, i);
}
