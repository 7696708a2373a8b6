// The one exception of the YAML reader: thrown where the text stops being YAML, caught where the reader starts.
export class YamlSyntaxError extends Error {
  /**
   * @param offset where the problem was found (the parser's position)
   * @param context where the construct being read started ("while scanning a quoted scalar"), when there is one
   */
  constructor(
    readonly offset: number,
    message: string,
    readonly context?: number,
    readonly kind: 'syntax' | 'nesting' = 'syntax',
  ) {
    super(message);
  }
}
