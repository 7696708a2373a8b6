// What one response item contributes to the reassembled answer, in a form common to every dialect.
import type { JsonPath } from '../diagnostic';

export interface Usage {
  readonly promptTokens: number | null;
  readonly completionTokens: number | null;
  readonly totalTokens: number | null;
}

export interface ErrorInfo {
  readonly type: string | null;
  readonly message: string | null;
  readonly statusCode: number | null;
}

export interface ToolFragment {
  readonly index: number;
  readonly id?: string | null | undefined;
  readonly type?: string | null | undefined;
  readonly name?: string | null | undefined;
  readonly arguments?: string | null | undefined;
  /** Path (from the item) of the arguments fragment, for diagnostics. */
  readonly argumentsAt?: JsonPath | undefined;
}

export interface Delta {
  readonly choice: number;
  readonly role?: string | null | undefined;
  readonly content?: string | null | undefined;
  readonly reasoning?: string | null | undefined;
  readonly refusal?: string | null | undefined;
  readonly tool?: ToolFragment | undefined;
  readonly finishReason?: string | null | undefined;
  /** Path (from the item) of the field that carries the text, for diagnostics. */
  readonly at?: JsonPath | undefined;
}

/** A tool the provider ran itself (Responses `web_search_call`, Anthropic `server_tool_use`): shown in the transcript, never a tool call of the answer. */
export interface ServerToolCall {
  readonly type: string;
  readonly id: string | null;
  readonly name: string | null;
  readonly status: string | null;
}

export interface ItemEvents {
  readonly deltas: readonly Delta[];
  readonly usage?: Usage | undefined;
  readonly model?: string | undefined;
  readonly modelAt?: JsonPath | undefined;
  readonly id?: string | undefined;
  readonly idAt?: JsonPath | undefined;
  readonly error?: ErrorInfo | undefined;
  /** The event that ends a stream (`[DONE]`, `message_stop`, `response.completed`, Bedrock's `messageStop`): a stream without one was cut off. */
  readonly terminal?: boolean | undefined;
  /** Server-run tools this item starts or reports; a later item may report the same id again with a later status. */
  readonly serverTools?: readonly ServerToolCall[] | undefined;
}

export const NO_EVENTS: ItemEvents = { deltas: [] };

export function usageOf(prompt: number | undefined, completion: number | undefined, total: number | undefined): Usage | undefined {
  if (prompt === undefined && completion === undefined && total === undefined) return undefined;
  const sum = prompt !== undefined && completion !== undefined ? prompt + completion : undefined;
  return { promptTokens: prompt ?? null, completionTokens: completion ?? null, totalTokens: total ?? sum ?? null };
}
