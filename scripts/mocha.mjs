// Runs one mocha suite (a folder of built *.test.js files) serially and ends with the plain line
// "N passed, N failed, N skipped" that scripts/test.sh adds up into the run's closing line.
import Mocha from 'mocha';
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [dir, ...rest] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/mocha.mjs <folder of *.test.js> [--grep PATTERN]');
  process.exit(2);
}
const grepAt = rest.indexOf('--grep');
const mocha = new Mocha({ timeout: 180000, reporter: 'spec', ...(grepAt !== -1 ? { grep: rest[grepAt + 1] } : {}) });
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort() : [];
for (const f of files) mocha.addFile(resolve(join(dir, f)));
if (files.length === 0) {
  console.error(`no tests found in ${dir}`);
  process.exit(1);
}
const runner = mocha.run((failures) => {
  process.exitCode = failures > 0 ? 1 : 0;
});
runner.on('end', () => {
  const s = runner.stats;
  console.log(`${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
});
