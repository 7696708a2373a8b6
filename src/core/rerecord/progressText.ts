// The text a payload adds to the answer, for the progress the editor shows while tokens arrive.
import { pyGet, pyText, type PyJson } from '../ogx/pythonJsonValue';

function str(v: PyJson | undefined): string {
  return pyText(v) ?? '';
}

/** Answer text in one payload of any supported dialect (chat delta or message, completion text, Ollama). */
export function progressTextOf(payload: PyJson): string {
  if (payload.kind !== 'dict') return '';
  let out = str(pyGet(payload, 'response')) + str(pyGet(pyGet(payload, 'message'), 'content'));
  const choices = pyGet(payload, 'choices');
  if (choices?.kind === 'list') {
    for (const choice of choices.items) {
      out += str(pyGet(pyGet(choice, 'delta'), 'content')) + str(pyGet(pyGet(choice, 'message'), 'content')) + str(pyGet(choice, 'text'));
    }
  }
  return out;
}
