// The tokens the YAML scanner hands the parser, with their offsets in the text.

export type TokenKind =
  | 'stream-start'
  | 'stream-end'
  | 'directive'
  | 'document-start'
  | 'document-end'
  | 'block-sequence-start'
  | 'block-mapping-start'
  | 'block-end'
  | 'flow-sequence-start'
  | 'flow-mapping-start'
  | 'flow-sequence-end'
  | 'flow-mapping-end'
  | 'block-entry'
  | 'flow-entry'
  | 'key'
  | 'value'
  | 'alias'
  | 'anchor'
  | 'tag'
  | 'scalar';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

/** What it takes to scan a scalar again from its start (for the offset map): its style and its context. */
export interface ScalarScanContext {
  readonly style: ScalarStyle;
  /** Plain: the column continuation lines must reach; block: the enclosing collection's column. */
  readonly indent: number;
  readonly flow: boolean;
  /** Plain: the start of the line the scalar starts on. */
  readonly lineStart: number;
}

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** Scalar: the decoded value; alias and anchor: the name; tag: the suffix; directive: the name. */
  readonly value?: string;
  readonly scalar?: ScalarScanContext;
  /** Tag: its handle (`!`, `!!`, `!e!`), null for a verbatim tag or a lone `!`. */
  readonly handle?: string | null;
  /** Directive: its parameters (`%TAG !e! prefix` → ['!e!', 'prefix']). */
  readonly args?: readonly string[];
}

/** How an error message names a token. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'stream-end':
      return 'the end of the text';
    case 'scalar': {
      const v = token.value ?? '';
      return `the value '${v.length > 20 ? `${v.slice(0, 20)}…` : v}'`;
    }
    case 'key':
      return "'?'";
    case 'value':
      return "':'";
    case 'block-entry':
      return "'-'";
    case 'flow-entry':
      return "','";
    case 'flow-sequence-start':
      return "'['";
    case 'flow-sequence-end':
      return "']'";
    case 'flow-mapping-start':
      return "'{'";
    case 'flow-mapping-end':
      return "'}'";
    case 'alias':
      return `the alias *${token.value ?? ''}`;
    case 'anchor':
      return `the anchor &${token.value ?? ''}`;
    case 'tag':
      return 'a tag';
    case 'block-end':
      return 'the end of a block collection';
    case 'block-mapping-start':
      return 'a mapping';
    case 'block-sequence-start':
      return 'a sequence';
    default:
      return `a ${token.kind}`;
  }
}
