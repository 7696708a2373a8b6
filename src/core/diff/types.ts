// What a semantic diff of two fixtures is made of: per exchange, the request's changed JSON paths and the
// answer's changes once reassembled, with what never matters (ids, timestamps, chunk boundaries) counted as noise.
import type { JsonPath } from '../diagnostic';
import type { DialectId } from '../dialect';
import type { ErrorInfo, ToolCall, Usage } from '../reassemble';

/** One value that differs; `undefined` on a side means the value is absent there (the key or item does not exist). */
export interface ValueChange {
  readonly path: JsonPath;
  readonly old: unknown;
  readonly new: unknown;
}

export type WordOp = 'equal' | 'insert' | 'delete';

export interface WordPart {
  readonly op: WordOp;
  readonly text: string;
}

/** A word diff of two texts: the parts in order, and how many words (runs of letters, digits, marks and underscores; CJK characters one by one) each side gained or lost. */
export interface WordDiff {
  readonly parts: readonly WordPart[];
  readonly added: number;
  readonly removed: number;
}

export interface TextChange {
  readonly old: string | null;
  readonly new: string | null;
  readonly words: WordDiff;
}

export interface Change<T> {
  readonly old: T;
  readonly new: T;
}

/** Tool calls compared by their index, arguments as JSON values: `changes` paths start at the tool call's index. */
export interface ToolCallsChange {
  readonly old: readonly ToolCall[];
  readonly new: readonly ToolCall[];
  readonly changes: readonly ValueChange[];
}

/** Which side a choice, an exchange or a fixture is on: both, or only the old or the new one. */
export type Presence = 'both' | 'old' | 'new';

export interface ChoiceDiff {
  readonly index: number;
  readonly presence: Presence;
  readonly content?: TextChange;
  readonly reasoning?: TextChange;
  readonly refusal?: TextChange;
  readonly toolCalls?: ToolCallsChange;
  readonly finishReason?: Change<string | null>;
}

export interface ResponseDiff {
  readonly dialect: DialectId;
  /** True exactly when a choice's content, reasoning, refusal, tool calls or finish reason differ once reassembled. */
  readonly answerChanged: boolean;
  /** Only the choices that changed. */
  readonly choices: readonly ChoiceDiff[];
  readonly usage?: Change<Usage | null>;
  readonly model?: Change<string | null>;
  readonly chunkCount?: Change<number>;
  readonly error?: Change<ErrorInfo | null>;
  /** The HTTP status, where a recorder keeps one. */
  readonly status?: Change<number | null>;
  readonly dialectChange?: Change<DialectId>;
  /** For answers without text (embeddings, model lists, plain HTTP): the body's own changed paths, noise left out. */
  readonly bodyChanges?: readonly ValueChange[];
  /** Changed body paths not listed in `bodyChanges` (it keeps the first MAX_BODY_CHANGES). */
  readonly bodyChangesOmitted?: number;
}

export interface Noise {
  /** How many noise values differ (ids, `created`, timestamps, `system_fingerprint`, `obfuscation`), plus one when only the chunk boundaries moved. */
  readonly count: number;
  /** True when the stream was cut into other chunks that join to the same answer. */
  readonly rechunked: boolean;
  /** The first noise values that differ, for a view that shows the noise on request. */
  readonly examples: readonly ValueChange[];
}

export interface ExchangeDiff {
  /** The exchange's index in the new file, or in the old one when it was removed. */
  readonly index: number;
  readonly oldIndex: number | null;
  readonly newIndex: number | null;
  readonly presence: Presence;
  readonly method: string;
  readonly url: string;
  readonly request: { readonly changes: readonly ValueChange[] };
  readonly response: ResponseDiff;
  readonly noise: Noise;
  /** Something other than noise differs: the request, the answer, usage, model, error, status or a textless body. */
  readonly changed: boolean;
}

export type FixtureDiffStatus = 'modified' | 'added' | 'removed' | 'unchanged';

export interface FixtureDiff {
  /** `unchanged` when nothing differs, not even noise; `modified` otherwise, even for noise only. */
  readonly status: FixtureDiffStatus;
  /** Only the exchanges that differ in some way (noise included), in the new file's order. */
  readonly exchanges: readonly ExchangeDiff[];
  readonly answerChanged: boolean;
  readonly requestChanged: boolean;
  /** Something other than noise differs (an exchange added or removed counts). */
  readonly changed: boolean;
  readonly noise: number;
  /** The recording's `test_id` (the new side's, else the old side's), null when it names none. */
  readonly testId: string | null;
}
