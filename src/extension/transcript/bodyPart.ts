// A decoded body as the transcript shows it: text (JSON text as a tree), a JSON tree, or for bytes only their type
// and size; and headers as name/value rows.
import type { BodyView } from '../../core';
import type { BodyPart, ParameterView } from '../../shared/protocol';
import { jsonLines } from './jsonTree';
import { parseJsonContainer } from './messageParts';
import { textBlock } from './textBlock';

/** Characters of a text body shown in a card; the rest is counted. */
export const BODY_TEXT_LIMIT = 50_000;

export function bodyPart(body: BodyView): BodyPart {
  switch (body.kind) {
    case 'empty':
      return { kind: 'empty' };
    case 'json':
      return { kind: 'json', lines: jsonLines(body.value) };
    case 'binary':
      return { kind: 'binary', mediaType: body.mediaType, size: body.size };
    case 'text': {
      const json = body.text.length <= BODY_TEXT_LIMIT * 20 ? parseJsonContainer(body.text) : undefined;
      if (json !== undefined) return { kind: 'json', lines: jsonLines(json) };
      return { kind: 'text', mediaType: body.mediaType, text: textBlock(body.text, BODY_TEXT_LIMIT) };
    }
  }
}

export function headerRows(headers: readonly { readonly name: string; readonly value: string }[]): ParameterView[] {
  return headers.map((h) => ({ name: h.name, value: h.value.length > 500 ? `${h.value.slice(0, 500)}…` : h.value }));
}
