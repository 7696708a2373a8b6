// Lets the benchmark load extension modules that import `vscode` (for looksLikeFixtureText, the
// extension's own pre-check before analyzing a file) outside VS Code: `require('vscode')` returns an
// inert object that tolerates any use at module load. Must be imported before those modules; esbuild
// keeps import order, so this module's body runs first in the bundle.
import Module from 'node:module';

function inert(): unknown {
  const target = function () {
    return undefined;
  };
  const handler: ProxyHandler<typeof target> = {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : inert()),
    apply: () => inert(),
    construct: () => inert() as object,
  };
  return new Proxy(target, handler);
}

const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const original = loader._load;
let stub: unknown;
loader._load = function (request: string, ...rest: unknown[]): unknown {
  if (request === 'vscode') return (stub ??= inert());
  return original.call(this, request, ...rest);
};
