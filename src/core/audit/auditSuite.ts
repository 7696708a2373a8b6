// `fixture-lens audit`'s checks over a whole suite, which no single file can show: recordings replay will never
// find (unreachable), two recordings of one request (duplicate), recordings and cassettes of tests that are gone
// (orphan). Takes file texts and a small read-only view of the suite's files (test sources), never touches a disk itself.
import type { AuditFinding, AuditKind, AuditReport } from './auditFinding';
import { cassetteTest, looksLikeCassette, type CassetteTest } from './cassetteConvention';
import type { CollectedTests } from './collectedTests';
import { indexPythonTests, testPresence, type PythonTestIndex } from './pythonTestSource';
import { readRecordingFacts, type RecordingFacts } from './recordingFacts';
import { parseTestId, type TestId } from './testIds';
import { describeNameVerdict } from '../ogx/recordingName';

export interface AuditInput {
  /** Relative to the directory audited, '/'-separated. */
  readonly path: string;
  readonly text: string;
}

/** Reads the suite's other files (test sources) by a path relative to the directory audited ('../' allowed). */
export interface SuiteFiles {
  readText(path: string): string | undefined;
}

export interface AuditOptions {
  /** The tests `pytest --collect-only -q` lists: a recording of any other test is an orphan. */
  readonly collected?: CollectedTests;
  /** Without `collected`: where to look for the tests, to tell the ones whose file or function is gone. */
  readonly files?: SuiteFiles;
}

interface Cassette {
  readonly path: string;
  readonly test: CassetteTest;
}

export function auditSuite(inputs: readonly AuditInput[], options: AuditOptions = {}): AuditReport {
  const recordings: RecordingFacts[] = [];
  const cassettes: Cassette[] = [];
  let fixtures = 0;
  for (const input of inputs) {
    const facts = readRecordingFacts(input.path, input.text);
    if (facts) {
      recordings.push(facts);
      fixtures++;
      continue;
    }
    if (!looksLikeCassette(input.text)) continue;
    fixtures++;
    const test = cassetteTest(input.path);
    if (test) cassettes.push({ path: input.path, test });
  }

  const findings = new Map<string, AuditFinding>();
  const notes: string[] = [];
  const groups = requestGroups(recordings);
  const othersIn = (r: RecordingFacts): RecordingFacts[] => others(groups.get(groupKey(r)) ?? [], r);

  // Unreachable: today's recorder does not compute the name.
  for (const r of recordings) {
    const v = r.verdict;
    if (v.status !== 'older' && v.status !== 'edited') continue;
    const related = othersIn(r);
    const twin = related.find((o) => o.verdict.status === 'current');
    const message = `${describeNameVerdict(v, r.testId ?? null) ?? ''}${twin === undefined ? '' : ` The request is recorded under today's name in ${twin.path}.`}`;
    findings.set(r.path, { kind: 'unreachable', file: r.path, message, related: related.map((o) => o.path), rules: v.status === 'older' ? v.rules.id : 'edited', testId: r.testId ?? null, span: { start: r.requestAt, end: r.requestAt + 1 } });
  }

  // Orphan: the recording's test is gone.
  const orphans = options.collected ? collectedOrphans(recordings, cassettes, options.collected) : options.files ? sourceOrphans(recordings, cassettes, options.files, notes) : [];
  if (!options.collected && !options.files) notes.push('orphan check skipped: neither a collected test list nor the test sources were given');
  for (const o of orphans) {
    const earlier = findings.get(o.file);
    if (earlier) findings.set(o.file, { ...earlier, message: `${earlier.message} ${o.message}` });
    else findings.set(o.file, o);
  }

  // Duplicate: what is left of a group of recordings of one request, when two or more are left. The copy replay reads
  // (the one in the test's own recordings/ folder, which the recorder searches first) keeps no finding.
  for (const members of groups.values()) {
    const left = members.filter((r) => !findings.has(r.path));
    if (left.length < 2) continue;
    const kept = left.find(readFirst);
    for (const r of left) {
      if (r === kept) continue;
      const ordered = kept === undefined ? members : [kept, ...members.filter((o) => o !== kept)];
      const paths = others(ordered, r).map((o) => o.path);
      const more = members.length - 1 > paths.length ? ` and ${members.length - 1 - paths.length} more` : '';
      const message = kept === undefined
        ? `Another recording of the same request for the same test (today's recorder hashes both to ${r.currentHash ?? '?'}): ${paths.join(', ')}${more}.`
        : `Another recording of the same request for the same test (today's recorder hashes both to ${r.currentHash ?? '?'}): replay reads ${kept.path}, which the recorder looks in first, and never this copy.`;
      findings.set(r.path, { kind: 'duplicate', file: r.path, message, related: paths, testId: r.testId ?? null, span: { start: r.requestAt, end: r.requestAt + 1 } });
    }
  }

  const sorted = [...findings.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const count = (kind: AuditKind): number => sorted.filter((f) => f.kind === kind).length;
  return { findings: sorted, summary: { files: fixtures, unreachable: count('unreachable'), duplicate: count('duplicate'), orphan: count('orphan') }, notes };
}

// One request: today's hash (which holds the test id, except for model lists and tool calls), the test, and a
// model list's digest (the recorder merges model lists of one hash with different digests on purpose).
function groupKey(r: RecordingFacts): string {
  return `${r.currentHash ?? ''}\u0000${r.testId ?? ''}\u0000${r.modelDigest ?? ''}`;
}

// A suite that records one request a thousand times would make every finding list every other file: the
// lists stop at MAX_RELATED, so the report stays linear in the suite's size.
const MAX_RELATED = 100;

function others(members: readonly RecordingFacts[], r: RecordingFacts): RecordingFacts[] {
  const out: RecordingFacts[] = [];
  for (const o of members) {
    if (o === r) continue;
    if (out.length === MAX_RELATED) break;
    out.push(o);
  }
  return out;
}

function requestGroups(recordings: readonly RecordingFacts[]): Map<string, RecordingFacts[]> {
  const groups = new Map<string, RecordingFacts[]>();
  for (const r of recordings) {
    if (r.currentHash === undefined) continue;
    const key = groupKey(r);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}

/** Whether replay looks for this recording before any other copy: it is in its test's recordings/ folder (or, with no test, in the suite's common one). */
function readFirst(r: RecordingFacts): boolean {
  const test = typeof r.testId === 'string' ? parseTestId(r.testId) : undefined;
  if (test) return rootFromLocation(r.path, test.file) !== undefined;
  return /(?:^|\/)common\/recordings\/[^/]+$/.test(r.path);
}

function orphan(file: string, message: string, testId: string | null, span: RecordingFacts['testIdSpan']): AuditFinding {
  return span === undefined ? { kind: 'orphan', file, message, related: [], testId } : { kind: 'orphan', file, message, related: [], testId, span };
}

function collectedOrphans(recordings: readonly RecordingFacts[], cassettes: readonly Cassette[], collected: CollectedTests): AuditFinding[] {
  const out: AuditFinding[] = [];
  for (const r of recordings) {
    if (typeof r.testId !== 'string' || parseTestId(r.testId) === undefined) continue;
    if (!collected.has(r.testId)) out.push(orphan(r.path, `Its test ${r.testId} is not among the collected tests.`, r.testId, r.testIdSpan));
  }
  for (const c of cassettes) {
    if (!collected.hasFunction(c.test.moduleFile, c.test.classes, c.test.name)) {
      out.push(orphan(c.path, `No collected test is ${[...c.test.classes, c.test.name].join('.')} in ${c.test.moduleFile}, the test pytest-recording names this cassette for.`, null, undefined));
    }
  }
  return out;
}

/** Test sources read once each, by resolved path. */
class TestSources {
  private readonly cache = new Map<string, PythonTestIndex | null>();

  constructor(private readonly files: SuiteFiles) {}

  index(path: string): PythonTestIndex | null {
    const key = resolveRelative(path);
    let index = this.cache.get(key);
    if (index === undefined) {
      const text = this.files.readText(key);
      index = text === undefined ? null : indexPythonTests(text);
      this.cache.set(key, index);
    }
    return index;
  }
}

function sourceOrphans(recordings: readonly RecordingFacts[], cassettes: readonly Cassette[], files: SuiteFiles, notes: string[]): AuditFinding[] {
  const sources = new TestSources(files);
  const out: AuditFinding[] = [];
  const located: { r: RecordingFacts; test: TestId; root: string | undefined }[] = [];
  const roots = new Set<string>();
  for (const r of recordings) {
    const test = typeof r.testId === 'string' ? parseTestId(r.testId) : undefined;
    if (!test) continue;
    const root = rootFromLocation(r.path, test.file);
    if (root !== undefined) roots.add(root);
    located.push({ r, test, root });
  }
  roots.add('');
  let unplaced = 0;
  for (const { r, test, root } of located) {
    // A recording in <root>/<test dir>/recordings/ says where its test must be; any other is looked for under the roots the others gave.
    const candidates = root !== undefined ? [root] : [...roots];
    let index: PythonTestIndex | null = null;
    for (const candidate of candidates) {
      index = sources.index(candidate + test.file);
      if (index) break;
    }
    if (!index) {
      if (root !== undefined) out.push(orphan(r.path, `Its test file ${test.file} no longer exists (test_id ${test.id}).`, test.id, r.testIdSpan));
      else unplaced++;
      continue;
    }
    if (testPresence(index, test.classes, test.name) === 'missing') {
      out.push(orphan(r.path, `${test.file} no longer defines ${[...test.classes, test.name].join('.')} (test_id ${test.id}).`, test.id, r.testIdSpan));
    }
  }
  if (unplaced > 0) notes.push(`orphan check skipped for ${unplaced} recording${unplaced === 1 ? '' : 's'} whose test file was found nowhere the suite's layout points to`);
  for (const c of cassettes) {
    const index = sources.index(c.test.moduleFile);
    const name = [...c.test.classes, c.test.name].join('.');
    if (!index) out.push(orphan(c.path, `Its test module ${c.test.moduleFile} no longer exists (pytest-recording names this cassette for ${name}).`, null, undefined));
    else if (testPresence(index, c.test.classes, c.test.name) === 'missing') out.push(orphan(c.path, `${c.test.moduleFile} no longer defines ${name}, the test pytest-recording names this cassette for.`, null, undefined));
  }
  return out;
}

/**
 * The suite root (relative to the directory audited, '' or ending in '/') that a recording's place implies: the
 * recorder writes to <root>/<dirname(test file)>/recordings/. Undefined when the recording is elsewhere.
 */
export function rootFromLocation(recordingPath: string, testFile: string): string | undefined {
  const segments = recordingPath.split('/');
  if (segments.length < 2 || segments[segments.length - 2] !== 'recordings') return undefined;
  const parent = segments.slice(0, -2);
  const testDir = testFile.split('/').slice(0, -1);
  // The recording's folder ends with the test's folder: the root is what comes before.
  if (endsWith(parent, testDir)) return joinRoot(parent.slice(0, parent.length - testDir.length));
  // The directory audited is inside the test's folder tree: the root is above it.
  if (endsWith(testDir, parent)) return '../'.repeat(testDir.length - parent.length);
  return undefined;
}

function endsWith(long: readonly string[], short: readonly string[]): boolean {
  if (short.length > long.length) return false;
  for (let i = 1; i <= short.length; i++) if (long[long.length - i] !== short[short.length - i]) return false;
  return true;
}

function joinRoot(segments: readonly string[]): string {
  return segments.length === 0 ? '' : `${segments.join('/')}/`;
}

/** "a/../b/./c" → "b/c"; leading "../" kept. */
export function resolveRelative(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}
