// The events the YAML parser hands the composer.
import type { Token } from './yamlTokens';

export type YamlEvent =
  | { readonly type: 'stream-start' }
  | { readonly type: 'stream-end'; readonly start: number }
  | { readonly type: 'document-start'; readonly start: number; readonly explicit: boolean }
  | { readonly type: 'document-end'; readonly start: number }
  | { readonly type: 'alias'; readonly name: string; readonly start: number; readonly end: number }
  /** `token` is undefined for an empty node (`key:` with nothing after it), which sits at `start`. */
  | { readonly type: 'scalar'; readonly anchor: string | undefined; readonly tag: string | null; readonly token: Token | undefined; readonly start: number }
  | { readonly type: 'sequence-start'; readonly anchor: string | undefined; readonly tag: string | null; readonly start: number; readonly flow: boolean }
  /** `end` is given for a flow collection (after its bracket); a block collection ends with its last node. */
  | { readonly type: 'sequence-end'; readonly end: number | undefined }
  | { readonly type: 'mapping-start'; readonly anchor: string | undefined; readonly tag: string | null; readonly start: number; readonly flow: boolean }
  | { readonly type: 'mapping-end'; readonly end: number | undefined };
