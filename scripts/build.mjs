// Bundles every entry point with esbuild: extension, webview, CLI, benchmark and the test suites.
import { build } from 'esbuild';
import { readdirSync, existsSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { join, basename } from 'node:path';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

function entries(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f));
}

// jsonc-parser's UMD build hides its requires from bundlers; its ES module build bundles cleanly.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'] };
const jobs = [
  build({ ...node, entryPoints: { extension: 'src/extension/main.ts' }, outdir: 'dist' }),
  build({ ...node, entryPoints: { validationWorker: 'src/extension/commands/validationWorker.ts' }, outdir: 'dist' }),
  build({ ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { webview: 'src/webview/main.ts' }, outdir: 'dist/webview' }),
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { diffView: 'src/webview/diff/main.ts' }, outdir: 'dist/webview' }),
];
if (!production) {
  const tests = [
    ...entries('test/unit', '.test.ts'),
    ...entries('test/ui', '.test.ts'),
    ...entries('test/extension', '.ts'),
    ...entries('test/host', '.ts'),
    ...entries('bench', '.ts'),
  ];
  for (const file of tests) {
    const out = file.replace(/\.ts$/, '.js').replace(/^test\//, 'dist/test/').replace(/^bench\//, 'dist/bench/');
    // playwright-core and the language service are left to node's require: they are test and bench tools, not shipped.
    jobs.push(build({ ...node, entryPoints: [file], outfile: out, external: ['vscode', 'playwright-core', 'mocha', 'vscode-json-languageservice', 'fast-check'] }));
  }
}
// Every bundle is attempted even when one fails, so one broken entry does not hide the others' errors.
const results = await Promise.allSettled(jobs);
const failed = results.filter((r) => r.status === 'rejected').length;

// A production build ships no source maps: stale ones from a development build are removed.
if (production) {
  for (const dir of ['dist', 'dist/webview']) for (const f of entries(dir, '.map')) rmSync(f);
}

// The webview may load only from dist/webview: the stylesheet and the codicon font are copied beside its script.
mkdirSync('dist/webview', { recursive: true });
for (const f of entries('media', '.css')) copyFileSync(f, join('dist/webview', basename(f)));
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join('node_modules/@vscode/codicons/dist', f), join('dist/webview', f));
if (failed > 0) {
  console.error(`fixture-lens build: ${failed} bundle(s) failed`);
  process.exit(1);
}
