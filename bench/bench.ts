// `npm run bench`: the performance figures of the issue, measured as ratios side by side, printed as
// a table (figure, measured, target, met?) and appended to BENCHMARKS.md with the machine's description.
//
// The parent generates the inputs into a temporary directory (fixtures of 1/10/45/200 MB made from a
// real seed recording, and a 3,000-file workspace of varied corpus files), then runs every section in
// a child process of its own (this same script with --child), one after another, so each starts with
// a fresh heap and a crash in one (say, the peer running out of memory) loses only that section.
//
// Options: --sizes=1,10,45,200  --only=size,corpus,cli,workspace,memory,editor  --editor=keystroke,block,paint,scroll,large
//          --no-append  --keep
//
// The editor section runs bench/editorRunner.js, which starts the offline VS Code (code-server + Chromium).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generateStreamFixture, loadSeedMaterial, MB, varyFixtureFile } from './generate';
import { cassetteSection, generateStreamedCassette, type CassetteResult } from './cassetteBench';
import { diffRows, diffSection, type DiffBenchResult } from './diffBench';
import { editorRows } from './editorRows';
import type { EditorBenchResult } from './editorTypes';
import { fmtBytes, fmtMs, fmtX } from './measure';
import {
  cliSection,
  corpusSection,
  digest,
  memorySection,
  sizeSection,
  workspaceSection,
  type CliResult,
  type CorpusResult,
  type GeneratedFile,
  type Manifest,
  type MemoryResult,
  type SectionResult,
  type SizeResult,
  type WorkspaceResult,
} from './sections';

const SIZES = [1, 10, 45, 200];
const WORKSPACE_FILES = 3000;
const SECTIONS = ['size', 'corpus', 'cli', 'workspace', 'memory', 'cassette', 'diff', 'editor'] as const;
type SectionName = (typeof SECTIONS)[number];

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (hit === undefined) return undefined;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : '';
}

// ---------------------------------------------------------------------------------------------
// Child: one section.

async function child(): Promise<void> {
  const section = arg('child') as string;
  const manifest = JSON.parse(readFileSync(arg('manifest') as string, 'utf8')) as Manifest;
  let result: SectionResult;
  if (section === 'size') result = await sizeSection(manifest, Number(arg('mb')), log);
  else if (section === 'corpus') result = await corpusSection(manifest, log);
  else if (section === 'cli') result = await cliSection(manifest, log);
  else if (section === 'workspace') result = await workspaceSection(manifest, log);
  else if (section === 'memory') result = await memorySection(manifest, arg('op') as 'core' | 'floor' | 'peer', log);
  else if (section === 'cassette') {
    if (!manifest.cassette) throw new Error('no generated cassette');
    writeFileSync(arg('out') as string, JSON.stringify(await cassetteSection(manifest.cassetteDir, manifest.cassette, log)));
    return;
  } else if (section === 'diff') {
    writeFileSync(arg('out') as string, JSON.stringify(await diffSection(log)));
    return;
  } else throw new Error(`unknown section ${section}`);
  writeFileSync(arg('out') as string, JSON.stringify(result));
}

// ---------------------------------------------------------------------------------------------
// Parent: machine, inputs, children, table.

interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memory: number;
  readonly node: string;
  readonly v8: string;
  readonly os: string;
  readonly loadStart: number[];
  loadEnd?: number[];
}

function machine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  let cores = cpus().length;
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1];
    if (model) cpu = model.trim();
    const processors = info.match(/^processor\s*:/gm)?.length;
    if (processors) cores = processors;
  } catch {
    // Not Linux: os.cpus() is the description.
  }
  return { cpu, cores, memory: totalmem(), node: process.version, v8: process.versions.v8, os: `${process.platform} ${release()}`, loadStart: loadavg() };
}

function findShared(): string {
  const candidates = [process.env['FIXTURE_LENS_SHARED'], resolve(process.cwd(), '../shared'), resolve(__dirname, '../../../shared')];
  for (const c of candidates) if (c && existsSync(join(c, 'seeds')) && existsSync(join(c, 'corpus'))) return c;
  throw new Error('the seed and corpus files were not found: set FIXTURE_LENS_SHARED to the directory holding seeds/ and corpus/');
}

function generateInputs(dir: string, shared: string, sizes: readonly number[], workspace: boolean, withCassette: boolean): Manifest {
  const seedDir = join(shared, 'seeds');
  const seedFile = join(seedDir, readdirSync(seedDir).filter((n) => n.endsWith('.txt')).sort()[0] as string);
  const corpusDir = join(shared, 'corpus');
  const material = loadSeedMaterial(seedFile, corpusDir);
  const files: GeneratedFile[] = [];
  for (const mb of sizes) {
    const started = performance.now();
    const g = generateStreamFixture(material, mb * MB);
    const folder = join(dir, 'fixtures', `${mb}mb`);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, g.fileName);
    writeFileSync(path, g.text);
    files.push({
      mb,
      path,
      fileName: g.fileName,
      bytes: Buffer.byteLength(g.text),
      chunks: g.chunks,
      reasoningChunks: g.reasoningChunks,
      contentChunks: g.contentChunks,
      toolChunks: g.toolChunks,
      expectedDigest: digest(g.expected.content, g.expected.reasoning, ...g.expected.toolArguments),
    });
    log(`generated ${mb} MB: ${g.text.length} bytes, ${g.chunks} chunks (${g.reasoningChunks} reasoning, ${g.contentChunks} content, ${g.toolChunks} tool-call) in ${fmtMs(performance.now() - started)}`);
  }
  let workspaceDir: string | undefined;
  if (workspace) {
    workspaceDir = join(dir, 'workspace');
    const corpus = readdirSync(corpusDir).filter((n) => n.endsWith('.json')).sort();
    const names = new Set<string>();
    for (let i = 0; i < WORKSPACE_FILES; i++) {
      const name = corpus[i % corpus.length] as string;
      // Corpus names are `<area>__<recorder's name>`: the workspace keeps the recorder's layout.
      const cut = name.indexOf('__');
      const area = cut === -1 ? 'misc' : name.slice(0, cut);
      const folder = join(workspaceDir, 'tests', 'integration', `suite${String(Math.floor(i / corpus.length)).padStart(2, '0')}`, area, 'recordings');
      mkdirSync(folder, { recursive: true });
      const varied = varyFixtureFile(readFileSync(join(corpusDir, name), 'utf8'), name, i);
      const path = join(folder, varied.fileName);
      if (names.has(path)) throw new Error(`workspace file written twice: ${path}`);
      names.add(path);
      writeFileSync(path, varied.text);
    }
    log(`generated a workspace of ${WORKSPACE_FILES} fixtures (copies of the ${corpus.length} corpus files, each varied: a marker in the request and the file renamed to its new hash, or in the response where the request has no text)`);
  }
  let cassette: Manifest['cassette'];
  if (withCassette) {
    mkdirSync(join(dir, 'cassettes'), { recursive: true });
    cassette = generateStreamedCassette(dir);
    log(`generated a streamed vcrpy cassette of ${fmtBytes(statSync(cassette.path).size)}`);
  }
  const cassetteDir = existsSync(join(shared, 'cassettes')) ? join(shared, 'cassettes') : undefined;
  return { dir, sizes: files, corpusDir, workspaceDir, workspaceFiles: workspace ? WORKSPACE_FILES : 0, cassette, cassetteDir };
}

interface Failure {
  readonly failed: string;
}

function runChild(dir: string, manifestPath: string, section: SectionName, extra: string[], heapFlags: string[]): SectionResult | CassetteResult | DiffBenchResult | Failure {
  const out = join(dir, `result-${section}-${extra.join('-').replace(/[^a-z0-9]+/gi, '')}.json`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--expose-gc', ...heapFlags, __filename, `--child=${section}`, `--manifest=${manifestPath}`, `--out=${out}`, ...extra], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 20 * 60_000,
  });
  log(`  (${section} ${extra.join(' ')}: ${fmtMs(performance.now() - started)})`);
  if (r.status === 0 && existsSync(out)) return JSON.parse(readFileSync(out, 'utf8')) as SectionResult | CassetteResult | DiffBenchResult;
  const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`;
  return { failed: why };
}

function runEditor(dir: string, manifestPath: string): EditorBenchResult | Failure {
  const out = join(dir, 'result-editor.json');
  const started = performance.now();
  const measure = arg('editor') ? [`--measure=${arg('editor') as string}`] : [];
  const r = spawnSync(process.execPath, [join(__dirname, 'editorRunner.js'), `--manifest=${manifestPath}`, `--out=${out}`, ...measure], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 40 * 60_000 });
  log(`  (editor: ${fmtMs(performance.now() - started)})`);
  if (r.status === 0 && existsSync(out)) return JSON.parse(readFileSync(out, 'utf8')) as EditorBenchResult;
  return { failed: r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}` };
}

interface Row {
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  readonly met: string;
}

const row = (figure: string, measured: string, target = '—', met = '—'): Row => ({ figure, measured, target, met });
const verdict = (ok: boolean): string => (ok ? 'yes' : '**NO**');
const isFailure = (r: unknown): r is Failure => typeof r === 'object' && r !== null && 'failed' in r;
const notMeasured = (why: string): string => `not measured in this run: ${why}`;

interface Results {
  sizes: Map<number, SizeResult | Failure>;
  corpus?: CorpusResult | Failure;
  cli?: CliResult | Failure;
  workspace?: WorkspaceResult | Failure;
  memory: Map<string, MemoryResult | Failure>;
  cassette?: CassetteResult | Failure;
  diff?: DiffBenchResult | Failure;
  editor?: EditorBenchResult | Failure;
}

function mbLabel(r: SizeResult): string {
  return `${r.file.mb} MB (${(r.file.bytes / MB).toFixed(1)} MB, ${r.file.chunks.toLocaleString('en-US')} chunks)`;
}

function buildRows(res: Results, skipped: (what: string) => string): Row[] {
  const rows: Row[] = [];
  // Core against the floor.
  for (const mb of SIZES) {
    const r = res.sizes.get(mb);
    const target = mb >= 45 ? '≤ 3×' : '— (target is for ≥ 45 MB)';
    if (!r) rows.push(row(`Core (analyzeFixture) ÷ JSON.parse, ${mb} MB`, notMeasured(skipped(`${mb} MB`)), target));
    else if (isFailure(r)) rows.push(row(`Core (analyzeFixture) ÷ JSON.parse, ${mb} MB`, notMeasured(`the child process failed (${r.failed})`), target, mb >= 45 ? '**NO**' : '—'));
    else {
      const x = r.ratios['core/floor']?.median ?? Number.NaN;
      rows.push(row(`Core (analyzeFixture) ÷ JSON.parse, ${mbLabel(r)}`, `${fmtX(x)} (${fmtMs(r.medians['core'] ?? NaN)} vs ${fmtMs(r.medians['floor'] ?? NaN)})`, target, mb >= 45 ? verdict(x <= 3) : '—'));
    }
  }
  // Core against the peer.
  for (const mb of SIZES) {
    const r = res.sizes.get(mb);
    const figure = `Peer (json-languageservice parse+validate) ÷ core, ${mb} MB`;
    if (!r) rows.push(row(figure, notMeasured(skipped(`${mb} MB`)), '≥ 3× (core faster)'));
    else if (isFailure(r)) rows.push(row(figure, notMeasured(`the child process failed (${r.failed})`), '≥ 3× (core faster)', '**NO**'));
    else {
      const x = r.ratios['peer/core']?.median ?? Number.NaN;
      const runs = (r.samples['peer'] ?? []).filter((v) => v !== null && v !== undefined).length;
      const once = runs < (r.samples['core'] ?? []).length ? `; peer measured ${runs}× only` : '';
      rows.push(row(figure, `${fmtX(x)} (peer ${fmtMs(r.medians['peer'] ?? NaN)} vs core ${fmtMs(r.medians['core'] ?? NaN)}${once})`, '≥ 3× (core faster)', verdict(x >= 3)));
    }
  }
  // Corpus.
  const c = res.corpus;
  if (!c) {
    rows.push(row('Corpus (87 files, sum): core ÷ JSON.parse', notMeasured(skipped('corpus')), '≤ 2.5×'));
  } else if (isFailure(c)) {
    rows.push(row('Corpus (87 files, sum): core ÷ JSON.parse', notMeasured(`the child process failed (${c.failed})`), '≤ 2.5×', '**NO**'));
  } else {
    const x = c.ratios['core/floor']?.median ?? NaN;
    rows.push(row(`Corpus (${c.files} files, ${fmtBytes(c.bytes)}, sum over files): core ÷ JSON.parse`, `${fmtX(x)} (${fmtMs(c.medians['core'] ?? NaN)} vs ${fmtMs(c.medians['floor'] ?? NaN)})`, '≤ 2.5×', verdict(x <= 2.5)));
    const p = c.ratios['peer/core']?.median ?? NaN;
    rows.push(row(`Corpus (sum over files): peer ÷ core`, `${fmtX(p)} (peer ${fmtMs(c.medians['peer'] ?? NaN)})`, '— (shown)'));
  }
  // CLI.
  const cli = res.cli;
  if (!cli) rows.push(row('CLI `validate` of the 45 MB file ÷ (read + JSON.parse)', notMeasured(skipped('cli')), '≤ 3×'));
  else if (isFailure(cli)) rows.push(row('CLI `validate` of the 45 MB file ÷ (read + JSON.parse)', notMeasured(`the child process failed (${cli.failed})`), '≤ 3×', '**NO**'));
  else {
    const x = cli.ratios['cli/readParse']?.median ?? NaN;
    rows.push(row(`CLI \`validate\` (validateCommand: read, decode, analyze, report) of the 45 MB, ${cli.file.chunks.toLocaleString('en-US')}-chunk file ÷ (readFileSync + JSON.parse)`, `${fmtX(x)} (${fmtMs(cli.medians['cli'] ?? NaN)} vs ${fmtMs(cli.medians['readParse'] ?? NaN)})`, '≤ 3×', verdict(x <= 3)));
    const y = cli.ratios['cli/parse']?.median ?? NaN;
    rows.push(row('CLI `validate` of the 45 MB file ÷ bare JSON.parse of the text already in memory', `${fmtX(y)} (JSON.parse ${fmtMs(cli.medians['parse'] ?? NaN)})`, '— (shown)'));
  }
  // Workspace.
  const w = res.workspace;
  if (!w) rows.push(row('Workspace (3,000 files): core per-file work ÷ (read + JSON.parse)', notMeasured(skipped('workspace')), '≤ 2.5×'));
  else if (isFailure(w)) rows.push(row('Workspace (3,000 files): core per-file work ÷ (read + JSON.parse)', notMeasured(`the child process failed (${w.failed})`), '≤ 2.5×', '**NO**'));
  else {
    const x = w.ratios['core/readParse']?.median ?? NaN;
    rows.push(row(`Workspace "Validate All Fixtures" (${w.files.toLocaleString('en-US')} files, ${fmtBytes(w.bytes)}): read + decodeFixtureBytes + looksLikeFixtureText + analyzeFixture ÷ (read + JSON.parse)`, `${fmtX(x)} (${fmtMs(w.medians['core'] ?? NaN)} vs ${fmtMs(w.medians['readParse'] ?? NaN)})`, '≤ 2.5×', verdict(x <= 2.5)));
  }
  // Memory.
  const mem = (op: string): MemoryResult | Failure | undefined => res.memory.get(op);
  const core = mem('core');
  if (!core) rows.push(row('Memory: analyzeFixture of the 45 MB file, peak RSS delta ÷ file size', notMeasured(skipped('memory')), '≤ 4×'));
  else if (isFailure(core)) rows.push(row('Memory: analyzeFixture of the 45 MB file, peak RSS delta ÷ file size', notMeasured(`the child process failed (${core.failed})`), '≤ 4×', '**NO**'));
  else {
    const size = core.file.bytes;
    const rss = core.peakRssDelta / size;
    const heap = core.heapUsedDeltaRetained / size;
    rows.push(row('Memory: analyzeFixture of the 45 MB file (fresh process), peak RSS delta ÷ file size', `${fmtX(rss)} (${fmtBytes(core.peakRssDelta)} for ${fmtBytes(size)})`, '≤ 4×', verdict(rss <= 4)));
    rows.push(row('Memory: analyzeFixture of the 45 MB file, heapUsed delta with the analysis held (after GC) ÷ file size', `${fmtX(heap)} (${fmtBytes(core.heapUsedDeltaRetained)})`, '≤ 4×', verdict(heap <= 4)));
    rows.push(row('Memory: analyzeFixture, heapUsed delta right after the call (garbage not yet collected) ÷ file size', `${fmtX(core.heapUsedDeltaBeforeGc / size)} (${fmtBytes(core.heapUsedDeltaBeforeGc)})`, '— (shown)'));
  }
  for (const [op, label] of [['floor', 'JSON.parse (the floor)'], ['peer', 'the peer']] as const) {
    const m = mem(op);
    if (m && !isFailure(m)) {
      rows.push(row(`Memory: ${label} of the 45 MB file, peak RSS delta / heapUsed held ÷ file size`, `${fmtX(m.peakRssDelta / m.file.bytes)} / ${fmtX(m.heapUsedDeltaRetained / m.file.bytes)} (${fmtBytes(m.peakRssDelta)} / ${fmtBytes(m.heapUsedDeltaRetained)})`, '— (shown)'));
    } else if (m) rows.push(row(`Memory: ${label} of the 45 MB file`, notMeasured(`the child process failed (${m.failed})`), '— (shown)'));
  }
  // Linearity.
  const perMb = (op: string): string =>
    SIZES.map((mb) => {
      const r = res.sizes.get(mb);
      return r && !isFailure(r) ? `${((r.medians[op] ?? NaN) / (r.file.bytes / MB)).toFixed(1)}` : 'n/a';
    }).join(' / ');
  rows.push(row('Linearity: core ms per MB at 1 / 10 / 45 / 200 MB', perMb('core'), '— (shown)'));
  rows.push(row('Linearity: JSON.parse ms per MB at 1 / 10 / 45 / 200 MB', perMb('floor'), '— (shown)'));
  rows.push(row('Linearity: peer ms per MB at 1 / 10 / 45 / 200 MB', perMb('peer'), '— (shown)'));
  // Linearity, side by side: a size's time per MB over a smaller file's, both run in the same rounds.
  // JSON.parse, linear by construction, grows too on a big heap (GC, caches): the core is judged on
  // how much faster than JSON.parse its time per MB grows, which is what an algorithm of its own adds.
  for (const mb of SIZES.filter((x) => x >= 10)) {
    const r = res.sizes.get(mb);
    const refMb = mb === 10 ? 1 : 10;
    const target = "≤ 1.5× JSON.parse's own growth (criterion of this bench)";
    const figure = `Linearity: growth of ms/MB from ${refMb} MB to ${mb} MB, side by side: core, JSON.parse → core ÷ JSON.parse`;
    if (!r || isFailure(r) || !r.ratios['corePerMb/coreRefPerMb']) {
      rows.push(row(figure, notMeasured(r && isFailure(r) ? `the child process failed (${r.failed})` : skipped(`${mb} MB or ${refMb} MB`)), target));
      continue;
    }
    const g = r.ratios['corePerMb/coreRefPerMb']?.median ?? NaN;
    const f = r.ratios['floorPerMb/floorRefPerMb']?.median ?? NaN;
    rows.push(row(figure, `${fmtX(g)}, ${fmtX(f)} → ${fmtX(g / f)}`, target, verdict(g / f <= 1.5)));
  }
  // Cassettes: validate through the CLI's code against read + gunzip + the fastest parse.
  const cas = res.cassette;
  const cassetteFigures = [
    ['sample', 'the cassettes sample of ../shared (10 recorders\' formats)'],
    ['big', 'a generated 45 MB streamed vcrpy cassette'],
  ] as const;
  for (const [key, what] of cassetteFigures) {
    const figure = `Cassettes: \`validate\` (validateCommand) of ${what} ÷ (read + gunzip + js-yaml load / JSON.parse)`;
    if (!cas) rows.push(row(figure, notMeasured(skipped('cassette')), '≤ 2.5×'));
    else if (isFailure(cas)) rows.push(row(figure, notMeasured(`the child process failed (${cas.failed})`), '≤ 2.5×', '**NO**'));
    else {
      const f = cas[key];
      if (!f) rows.push(row(figure, notMeasured('../shared/cassettes is absent'), '≤ 2.5×'));
      else {
        const x = f.ratio.median;
        const check = f.reassemblyMatches === undefined ? '' : f.reassemblyMatches ? '; the answer reassembles exactly' : '; **the answer does not reassemble as generated**';
        rows.push(row(`${figure}, ${f.files} file${f.files === 1 ? '' : 's'}, ${fmtBytes(f.bytes)}`, `${fmtX(x)} (${fmtMs(f.medians['cli'] ?? NaN)} vs ${fmtMs(f.medians['floor'] ?? NaN)}; validate: ${f.output}${check})`, '≤ 2.5×', verdict(x <= 2.5 && f.reassemblyMatches !== false)));
      }
    }
  }
  // The semantic diff of a generated re-record, against reading both sides from git and parsing them.
  rows.push(...diffRows(res.diff));
  // The editor figures come from a real VS Code run (bench/editorRunner.ts).
  const e = res.editor;
  rows.push(...editorRows(e && !isFailure(e) ? e : undefined, !e ? skipped('editor') : isFailure(e) ? `the VS Code run failed (${e.failed})` : undefined));
  return rows;
}

function table(rows: readonly Row[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return ['| Figure | Measured | Target | Met? |', '|---|---|---|---|', ...rows.map((r) => `| ${esc(r.figure)} | ${esc(r.measured)} | ${esc(r.target)} | ${r.met} |`)].join('\n');
}

function details(res: Results): string {
  const lines: string[] = [];
  for (const mb of SIZES) {
    const r = res.sizes.get(mb);
    if (!r || isFailure(r)) continue;
    const c = r.check;
    lines.push(
      `- ${mb} MB: ${r.file.bytes.toLocaleString('en-US')} bytes, ${r.file.chunks.toLocaleString('en-US')} chunks (${r.file.reasoningChunks} reasoning, ${r.file.contentChunks} content, ${r.file.toolChunks} tool-call), file \`${r.file.fileName.slice(0, 12)}….json\`; ` +
        `core found dialect ${c.dialect}, ${c.chunkCount} chunks, ${c.errors} errors / ${c.warnings} warnings / ${c.infos} infos, reassembly ${c.reassemblyMatches ? 'matches' : '**does not match**'} the generated text; peer diagnostics ${r.peerDiagnostics ?? 'n/a'}. ` +
        `Medians: ${Object.entries(r.medians).map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ')}; core÷floor per round ${fmtX(r.ratios['core/floor']?.min ?? NaN)}–${fmtX(r.ratios['core/floor']?.max ?? NaN)}; reps per sample ${JSON.stringify(r.reps)}.` +
        (r.notes.length ? ` Note: ${r.notes.join('; ')}.` : ''),
    );
  }
  const c = res.corpus;
  if (c && !isFailure(c)) lines.push(`- Corpus: ${c.files} files, ${c.bytes.toLocaleString('en-US')} bytes; core diagnostics: ${c.check.errors} errors, ${c.check.warnings} warnings, ${c.check.infos} infos${c.check.filesWithErrors.length ? ` (errors in ${c.check.filesWithErrors.join(', ')})` : ''}. Medians: ${Object.entries(c.medians).map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ')}; reps ${JSON.stringify(c.reps)}.`);
  const cli = res.cli;
  if (cli && !isFailure(cli)) lines.push(`- CLI: \`${cli.output}\` (exit ${cli.exitCode}). Medians: ${Object.entries(cli.medians).map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ')}.`);
  const w = res.workspace;
  if (w && !isFailure(w)) lines.push(`- Workspace: ${w.files} files (${w.bytes.toLocaleString('en-US')} bytes), ${w.check.analyzed} analyzed, ${w.check.skipped} skipped by looksLikeFixtureText, ${w.check.distinctRequests} distinct requests; diagnostics ${w.check.errors} errors, ${w.check.warnings} warnings, ${w.check.infos} infos (${w.check.hashMismatches} request-hash-mismatch). Medians: ${Object.entries(w.medians).map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ')}.`);
  for (const [op, m] of res.memory) {
    if (isFailure(m)) continue;
    lines.push(`- Memory (${op}, 45 MB, fresh process): ${fmtMs(m.ms)}; peak RSS +${fmtBytes(m.peakRssDelta)}, heapUsed +${fmtBytes(m.heapUsedDeltaBeforeGc)} before GC / +${fmtBytes(m.heapUsedDeltaRetained)} held after GC, total heap +${fmtBytes(m.totalHeapSizeDelta)}, external +${fmtBytes(m.externalDelta)}.`);
  }
  return lines.join('\n');
}

async function parent(): Promise<void> {
  const started = performance.now();
  const m = machine();
  const sizes = arg('sizes') ? (arg('sizes') as string).split(',').map(Number).filter((n) => SIZES.includes(n)) : SIZES;
  const only = arg('only') ? new Set((arg('only') as string).split(',')) : new Set<string>(SECTIONS);
  const want = (s: SectionName): boolean => only.has(s);
  log(`Fixture Lens benchmark: ${m.cpu}, ${m.cores} cores, ${fmtBytes(m.memory)} (free ${fmtBytes(freemem())}), Node ${m.node}, load ${m.loadStart.map((x) => x.toFixed(2)).join(' ')}`);
  const shared = findShared();
  const dir = mkdtempSync(join(tmpdir(), 'fixture-lens-bench-'));
  const results: Results = { sizes: new Map(), memory: new Map() };
  try {
    // 1 MB is always generated: it warms up the JIT in every size section; 10 MB is the linearity reference of the larger sizes.
    const needed = new Set<number>([1, ...(want('size') ? [...sizes, ...(sizes.some((x) => x > 10) ? [10] : [])] : []), ...(want('cli') || want('memory') ? [45] : []), ...(want('editor') ? [10, 45, ...(sizes.includes(200) ? [200] : [])] : [])]);
    const manifest = generateInputs(dir, shared, SIZES.filter((s) => needed.has(s)), want('workspace') || want('editor'), want('cassette'));
    const manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const big = ['--max-old-space-size=12288'];
    if (want('size')) {
      for (const mb of sizes) {
        log(`size ${mb} MB: JSON.parse / analyzeFixture / json-languageservice, interleaved`);
        results.sizes.set(mb, runChild(dir, manifestPath, 'size', [`--mb=${mb}`], big) as SizeResult | Failure);
      }
    }
    if (want('corpus')) {
      log('corpus: every file, summed');
      results.corpus = runChild(dir, manifestPath, 'corpus', [], big) as CorpusResult | Failure;
    }
    if (want('cli')) {
      log('cli: validateCommand on the 45 MB file');
      results.cli = runChild(dir, manifestPath, 'cli', [], big) as CliResult | Failure;
    }
    if (want('workspace')) {
      log(`workspace: ${WORKSPACE_FILES} files`);
      results.workspace = runChild(dir, manifestPath, 'workspace', [], big) as WorkspaceResult | Failure;
    }
    if (want('cassette')) {
      log('cassette: validate of the cassettes sample and of a generated 45 MB streamed cassette');
      results.cassette = runChild(dir, manifestPath, 'cassette', [], big) as CassetteResult | Failure;
    }
    if (want('diff')) {
      log('diff: diff --git over a generated 300-file re-record');
      results.diff = runChild(dir, manifestPath, 'diff', [], big) as DiffBenchResult | Failure;
    }
    if (want('editor')) {
      log('editor: a real VS Code (code-server + Chromium) on the workspace and the generated files');
      results.editor = runEditor(dir, manifestPath);
    }
    if (want('memory')) {
      // Node's default heap limit here, as in any plain process.
      for (const op of ['core', 'floor', 'peer']) {
        log(`memory: ${op} on the 45 MB file, fresh process`);
        results.memory.set(op, runChild(dir, manifestPath, 'memory', [`--op=${op}`], []) as MemoryResult | Failure);
      }
    }
  } finally {
    if (arg('keep') === undefined) rmSync(dir, { recursive: true, force: true });
    else log(`inputs kept in ${dir}`);
  }
  m.loadEnd = loadavg();
  const skippedWhy = (what: string): string => `${what} left out by --sizes/--only`;
  const rows = buildRows(results, skippedWhy);
  const elapsed = performance.now() - started;
  const when = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const partial = arg('sizes') !== undefined || arg('only') !== undefined;
  const section = [
    `## ${when} — ${m.cpu}, ${m.cores} cores, ${fmtBytes(m.memory)}, Node ${m.node}${partial ? ' (partial run)' : ''}`,
    '',
    `Machine: ${m.cpu} (${m.cores} cores), ${fmtBytes(m.memory)} RAM, ${m.os}, Node ${m.node} (V8 ${m.v8}). Load average at start ${m.loadStart.map((x) => x.toFixed(2)).join(' ')}, at end ${m.loadEnd.map((x) => x.toFixed(2)).join(' ')} (the machine is shared: absolute times are noisy, the ratios are what count). Whole run ${fmtMs(elapsed)}.`,
    '',
    'Method: every figure is a ratio of operations run side by side in one child process, interleaved (order alternating every round), after warm-up; medians over rounds (7 at 1-10 MB and for the corpus and workspace, 5 at 45 MB and for the CLI, 3 at 200 MB). A full GC is forced before each sample at 10 MB and above only; small inputs are timed in steady state over samples of about 1 s (a forced GC frees JSON.parse\'s hidden classes and makes the next run re-optimize, see bench/measure.ts). MB = 2^20 bytes. Inputs are generated from the seed recording (`seeds/000_…txt`) as `JSON.stringify(obj, null, 2)` with non-ASCII escaped, like the recorder writes, and named by their request hash so the core\'s hash check runs.',
    '',
    table(rows),
    '',
    details(results),
    '',
  ].join('\n');
  process.stdout.write(`\n${table(rows)}\n\n${details(results)}\n`);
  if (arg('no-append') === undefined) {
    const file = resolve(process.cwd(), 'BENCHMARKS.md');
    if (!existsSync(file)) {
      writeFileSync(file, '# Benchmarks\n\nEach section below is appended by `npm run bench` (bench/bench.ts; see bench/README.md): the machine it ran on, then the table of figures, measured ratio, target and whether it was met.\n\n');
    }
    appendFileSync(file, `${section}\n`);
    log(`appended to ${file}`);
  }
}

if (arg('child') !== undefined) {
  child().catch((e: unknown) => {
    log(`child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  });
} else {
  parent().catch((e: unknown) => {
    log(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  });
}
