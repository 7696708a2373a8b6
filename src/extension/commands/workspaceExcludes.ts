// The exclude glob for workspace validation: files.exclude and search.exclude together, as the search
// view uses them. findFiles applies only files.exclude on its own, and an explicit exclude replaces it,
// so both settings are merged into one brace group here.

type ExcludeSetting = Record<string, boolean | { when: string } | undefined>;

export function mergedExcludeGlob(...settings: readonly (ExcludeSetting | undefined)[]): string | undefined {
  const patterns = new Set<string>();
  for (const setting of settings) {
    for (const [pattern, enabled] of Object.entries(setting ?? {})) {
      // `{ "when": "$(basename).ts" }` depends on sibling files, which a plain glob cannot say: such entries are not applied.
      if (enabled !== true) continue;
      for (const p of expandBraces(pattern)) patterns.add(p);
    }
  }
  if (patterns.size === 0) return undefined;
  const list = [...patterns];
  return list.length === 1 ? list[0] : `{${list.join(',')}}`;
}

/** `**\/*.{js,map}` -> `**\/*.js`, `**\/*.map`: brace groups cannot nest inside the outer group. */
export function expandBraces(pattern: string): string[] {
  const close = pattern.indexOf('}');
  const open = close === -1 ? -1 : pattern.lastIndexOf('{', close);
  if (open === -1) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  return pattern
    .slice(open + 1, close)
    .split(',')
    .flatMap((alt) => expandBraces(head + alt + tail));
}
