// Starts the offline VS Code test host (code-server on 127.0.0.1) and Debian's Chromium for the extension and UI tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.FIXTURE_LENS_CHROMIUM ?? '/usr/bin/chromium';

/** The flags from shared/docs/VSCODE-TEST-HOST.md: no sandbox (root), no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Settings every test host gets: no telemetry, no trust prompt, no welcome page, nothing that pops up over the editor. */
export const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
};

export interface CodeServerOptions {
  /** The folder the workbench opens. */
  folder: string;
  /** Where extensions are installed; a temp folder (removed by stop()) when not given. */
  extensionsDir?: string;
  /** code-server's user data (settings, state); a temp folder (removed by stop()) when not given. */
  userDataDir?: string;
  /** A built .vsix installed into extensionsDir before the server starts. */
  installVsix?: string;
  /** User settings on top of BASE_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Port to try first; the next free one above it is taken when busy. Any free port when not given. */
  port?: number;
  /** Extra environment for code-server and so for the extension host it starts. */
  env?: Record<string, string>;
  /** Receives code-server's own output lines; dropped when not given (they are kept for error messages). */
  log?: (line: string) => void;
}

export interface CodeServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  port: number;
  folder: string;
  extensionsDir: string;
  userDataDir: string;
  /** The workbench URL for `folder`, with optional extra query parameters (e.g. `payload`). */
  workbenchUrl(query?: Record<string, string>): string;
  /** Kills code-server and every process it started, then removes the temp folders it made. */
  stop(): Promise<void>;
}

/** The repository root: the nearest folder above this file whose package.json is Fixture Lens's. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'fixture-lens') return dir;
      } catch {
        // Not ours; keep walking up.
      }
    }
    if (dirname(dir) === dir) throw new Error(`no fixture-lens package.json above ${__dirname}`);
  }
}

/** Where scripts/setup-test-host.sh installed code-server. */
export function hostDir(): string {
  return process.env.FIXTURE_LENS_HOST_DIR ?? join(repoRoot(), '.vscode-test', 'code-server');
}

function codeServerEntry(): string {
  const entry = join(hostDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(entry)) {
    throw new Error(`code-server is not installed at ${hostDir()}: run \`bash scripts/setup-test-host.sh\` first`);
  }
  return entry;
}

/** code-server's environment: ours minus what would send it to an outer VS Code (when run from a VS Code terminal). */
function hostEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** A code-server config file of our own, so it never writes a default one (with a password) into ~/.config. */
function writeConfig(dir: string): string {
  const file = join(dir, 'config.yaml');
  writeFileSync(file, 'auth: none\ncert: false\n');
  return file;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

/** A free port on 127.0.0.1: `preferred` or the next free one above it, else any the system hands out. */
export async function findFreePort(preferred?: number): Promise<number> {
  if (preferred !== undefined) {
    for (let port = preferred; port < preferred + 100 && port < 65536; port++) {
      if (await portIsFree(port)) return port;
    }
  }
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Installs a .vsix into extensionsDir with code-server's own CLI. */
export function installVsix(vsix: string, extensionsDir: string, userDataDir: string, configFile: string): void {
  const result = spawnSync(
    process.execPath,
    [codeServerEntry(), '--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--force', '--install-extension', resolve(vsix)],
    { encoding: 'utf8', env: hostEnv(undefined), stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
}

/** Every process below `pid`, read from /proc (code-server forks its server, which forks the extension and pty hosts). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the parent pid is the second field after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills `child`, its process group and every descendant: SIGTERM, then SIGKILL for what is left after `graceMs`. */
export async function killTree(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const tree = [pid, ...descendants(pid)];
  signal(-pid, 'SIGTERM');
  for (const p of tree) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && tree.some(isAlive)) await new Promise((r) => setTimeout(r, 100));
  signal(-pid, 'SIGKILL');
  for (const p of [...tree, ...descendants(pid)]) if (isAlive(p)) signal(p, 'SIGKILL');
}

function httpStatus(url: string, timeoutMs: number): Promise<number | undefined> {
  return fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) }).then(
    (response) => response.status,
    () => undefined,
  );
}

/** Starts code-server on 127.0.0.1 for `opts.folder` and resolves once it answers HTTP with the workbench. */
export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const entry = codeServerEntry();
  const folder = resolve(opts.folder);
  if (!existsSync(folder)) throw new Error(`folder to open does not exist: ${folder}`);
  const scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-code-server-'));
  const userDataDir = resolve(opts.userDataDir ?? join(scratch, 'user'));
  const extensionsDir = resolve(opts.extensionsDir ?? join(scratch, 'extensions'));
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...opts.settings }, null, 2));
  const configFile = writeConfig(scratch);
  if (opts.installVsix) installVsix(opts.installVsix, extensionsDir, userDataDir, configFile);

  const port = await findFreePort(opts.port);
  const args = [
    entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    folder,
  ];
  const child = spawn(process.execPath, args, {
    cwd: folder,
    env: hostEnv(opts.env),
    // Its own process group, so stop() can signal the whole tree at once.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      opts.log?.(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited: string | undefined;
  child.once('exit', (code, sig) => (exited = `code-server exited (${code ?? sig}) before it answered`));

  let stopped = false;
  const url = `http://127.0.0.1:${port}/`;
  const server: CodeServer = {
    url,
    port,
    folder,
    extensionsDir,
    userDataDir,
    workbenchUrl(query = {}) {
      const params = new URLSearchParams({ folder, ...query });
      return `${url}?${params.toString()}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await killTree(child);
      child.stdout?.destroy();
      child.stderr?.destroy();
      rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    },
  };

  try {
    // /healthz answers as soon as code-server listens; the workbench page loads VS Code's server on first request.
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (exited) throw new Error(exited);
      if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 90 s`);
      const health = await httpStatus(`${url}healthz`, 2000);
      if (health === 200) {
        const page = await httpStatus(server.workbenchUrl(), 30_000);
        if (page !== undefined && page < 500) break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    await server.stop();
    const detail = output.length ? `\ncode-server said:\n${output.join('\n')}` : '';
    throw new Error(`${(error as Error).message}${detail}`);
  }
  return server;
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolveListening) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolveListening(true)));
    socket.once('error', () => resolveListening(false));
    socket.once('timeout', () => (socket.destroy(), resolveListening(false)));
    socket.connect(port, '127.0.0.1');
  });
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** The first tab, opened with the browser. */
  page: Page;
  /** Closes the browser and removes its fresh user-data-dir. */
  close(): Promise<void>;
}

/** Debian's Chromium under playwright-core: headless, with the doc's flags and a fresh user-data-dir. */
export async function launchChromium(opts: { headless?: boolean; width?: number; height?: number } = {}): Promise<LaunchedChromium> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: run \`bash scripts/setup-test-host.sh\` first`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'fixture-lens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 1400, height: opts.height ?? 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
