// Tool calls as the transcript shows them: arguments pretty-printed when they are JSON, flagged when they are not.
import type { ToolCallView } from '../../shared/protocol';
import { prettyJson } from './textBlock';

/** `args` is the recorded arguments: JSON text (OpenAI) or an already parsed object (Ollama, Anthropic, Gemini). */
export function toolCallView(id: string | null, name: string | null, args: unknown): ToolCallView {
  if (typeof args !== 'string') return { id, name, arguments: args === undefined ? '' : prettyJson(args), invalid: null };
  try {
    return { id, name, arguments: prettyJson(JSON.parse(args)), invalid: null };
  } catch (e) {
    const reason = args.trim() === '' ? 'the arguments are empty' : e instanceof Error ? e.message : String(e);
    return { id, name, arguments: args, invalid: reason };
  }
}
