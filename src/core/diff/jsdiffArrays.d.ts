// The one jsdiff function the diff uses, by the package's `./lib/*.js` export: the core's tsconfig has
// `baseUrl: "."`, so the bare name `diff` resolves to this folder (src/core/diff) for tsc and esbuild alike.
declare module 'diff/lib/diff/array.js' {
  export interface ArrayChange<T> {
    value: T[];
    added: boolean;
    removed: boolean;
    count: number;
  }
  /** Myers diff of two arrays; undefined when more than `maxEditLength` edits would be needed. */
  export function diffArrays<T>(oldArr: T[], newArr: T[], options: { maxEditLength: number }): ArrayChange<T>[] | undefined;
}
