// The validation rules that look across the envelope and the stream, each producing diagnostics
// at the smallest value that shows the problem.
import { formatPath, makeDiagnostic, type DiagnosticCode, type FixtureDiagnostic, type JsonPath } from './diagnostic';
import { classifyItem, isStreamDialect, kindsOf, typeNameOf, type DetectedDialect, type ItemKind } from './dialect';
import { checkItem, problems } from './itemSchemas';
import type { TextLocator } from './analysis';
import type { StreamFacts } from './reassemble';
import * as schemas from './schemas';
import { asNumber, asRecord, type JsonRecord } from './values';

export interface CheckContext {
  readonly locator: Pick<TextLocator, 'locate'>;
  readonly items: readonly unknown[];
  readonly itemPath: (i: number) => JsonPath;
  readonly out: FixtureDiagnostic[];
  /** The exchange the items belong to, in files that record several. */
  readonly exchange?: number | undefined;
}

const MAX_PER_CODE = 200;

export function report(ctx: CheckContext, code: DiagnosticCode, message: string, path: JsonPath, item?: number): void {
  let count = 0;
  for (const d of ctx.out) if (d.code === code) count++;
  if (count >= MAX_PER_CODE) return;
  const located = ctx.locator.locate(path);
  const span = located?.span ?? { start: 0, end: 0 };
  ctx.out.push(makeDiagnostic(code, message, span, path, item, ctx.exchange));
}

export function checkEnvelope(ctx: CheckContext, root: unknown): boolean {
  if (asRecord(root) === undefined) {
    report(ctx, 'envelope-schema', 'A fixture is a JSON object with "request" and "response"; this file holds ' + (Array.isArray(root) ? 'an array.' : `a ${root === null ? 'null' : typeof root}.`), []);
    return false;
  }
  for (const p of problems(schemas.envelope, root, [])) report(ctx, 'envelope-schema', p.message, p.at);
  return true;
}

/**
 * Returns, per item, whether it belongs to the detected dialect (false items are flagged and skipped).
 * `kinds` are the items' classifyItem, when detecting the dialect already computed them.
 */
export function checkItems(ctx: CheckContext, detected: DetectedDialect, kinds?: readonly ItemKind[]): boolean[] {
  const allowed = new Set(kindsOf(detected.dialect));
  return ctx.items.map((item, i) => {
    const kind = kinds?.[i] ?? classifyItem(item);
    if (allowed.size > 0 && !allowed.has(kind) && detected.kind !== undefined) {
      const base = ctx.itemPath(i);
      const type = typeNameOf(item);
      const what = type ? `__type__ "${type}"` : describeUntyped(item);
      report(ctx, 'mixed-dialect', `${formatPath(base)} is ${what}, which does not belong in this ${detected.dialect} body.`, type ? [...base, '__type__'] : base, i);
      return false;
    }
    for (const p of checkItem(item, kind)) report(ctx, 'chunk-schema', p.message, [...ctx.itemPath(i), ...p.at], i);
    return true;
  });
}

export function checkException(ctx: CheckContext, response: JsonRecord): void {
  for (const p of problems(schemas.exceptionData, response['exception_data'], ['response', 'exception_data'])) {
    report(ctx, 'chunk-schema', p.at.length > 2 ? `exception_data.${p.message}` : `exception_data: ${p.message}`, p.at);
  }
}

export function checkStreamingFlags(ctx: CheckContext, detected: DetectedDialect, request: JsonRecord | undefined, response: JsonRecord): void {
  if (detected.dialect === 'exception') return;
  const flag = response['is_streaming'];
  if (typeof flag !== 'boolean') return;
  const body = response['body'];
  const isList = Array.isArray(body);
  if (flag && !isList && body !== null && body !== undefined) {
    report(ctx, 'streaming-mismatch', 'is_streaming is true but response.body is a single object, not a list of chunks.', ['response', 'is_streaming']);
  } else if (!flag && isList && isStreamDialect(detected.dialect)) {
    report(ctx, 'streaming-mismatch', `is_streaming is false but response.body is a list of ${body.length} stream chunks.`, ['response', 'is_streaming']);
  }
  const status = asNumber(response['status']);
  if (status !== undefined && status >= 400) return;
  for (const key of ['body', 'payload'] as const) {
    const stream = asRecord(request?.[key])?.['stream'];
    if (typeof stream === 'boolean' && stream !== flag) {
      report(ctx, 'request-stream-mismatch', `request.${key}.stream is ${stream} but response.is_streaming is ${flag}.`, ['request', key, 'stream']);
    }
  }
}

export function checkStreamFacts(ctx: CheckContext, facts: StreamFacts, streaming: boolean): void {
  const at = (item: number, rel: JsonPath): JsonPath => [...ctx.itemPath(item), ...rel];
  for (const p of facts.sseProblems) report(ctx, 'chunk-schema', p.message, ctx.itemPath(p.item), p.item);
  // One defect per choice: its first chunk after the finish is the diagnostic, the later ones its related places.
  const afterFinish = new Map<number, StreamFacts['contentAfterFinish']>();
  for (const f of facts.contentAfterFinish) {
    const places = afterFinish.get(f.choice);
    if (places) places.push(f);
    else afterFinish.set(f.choice, [f]);
  }
  for (const [choice, [first, ...rest]] of afterFinish) {
    if (!first) continue;
    const where = formatPath(ctx.itemPath(first.item));
    const message = rest.length === 0 ? `${where} adds content to choice ${choice} after its finish reason was set.` : `${where} and ${rest.length} later ${rest.length === 1 ? 'chunk add' : 'chunks add'} content to choice ${choice} after its finish reason was set.`;
    const at0 = ctx.out.length;
    report(ctx, 'content-after-finish', message, at(first.item, first.at), first.item);
    const d = ctx.out[at0];
    if (d && rest.length > 0) {
      const related = rest.slice(0, MAX_PER_CODE).map((f) => ({ message: `${formatPath(ctx.itemPath(f.item))} adds content after the finish reason`, span: ctx.locator.locate(at(f.item, f.at))?.span ?? d.span }));
      ctx.out[at0] = { ...d, related };
    }
  }
  if (streaming) {
    for (const u of facts.unfinished) {
      if (u.lastItem < 0) continue;
      report(ctx, 'missing-finish-reason', `The stream never gives a finish reason for choice ${u.choice}; it may have been cut off.`, ctx.itemPath(u.lastItem), u.lastItem);
    }
  }
  for (const a of facts.invalidArguments) {
    report(ctx, 'tool-arguments-invalid', `Tool call ${a.tool}${a.name ? ` (${a.name})` : ''} of choice ${a.choice}: the joined arguments are not valid JSON (${a.reason}).`, at(a.item, a.at), a.item);
  }
  flagOutliers(ctx, facts.ids, 'inconsistent-id', 'id');
  flagOutliers(ctx, facts.models, 'inconsistent-model', 'model');
}

function flagOutliers(ctx: CheckContext, values: StreamFacts['ids'], code: DiagnosticCode, field: string): void {
  if (values.length < 2) return;
  // The usual stream repeats one value throughout: confirm that before counting.
  const first = (values[0] as { value: string }).value;
  let same = 1;
  while (same < values.length && (values[same] as { value: string }).value === first) same++;
  if (same === values.length) return;
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v.value, (counts.get(v.value) ?? 0) + 1);
  if (counts.size === 1) return;
  // The stream's own value is the most common one; ties go to the first chunk's.
  let expected = (values[0] as { value: string }).value;
  for (const [value, n] of counts) if (n > (counts.get(expected) ?? 0)) expected = value;
  for (const v of values) {
    if (v.value === expected) continue;
    report(ctx, code, `${formatPath(ctx.itemPath(v.item))} has ${field} "${v.value}" but the rest of the stream has "${expected}".`, [...ctx.itemPath(v.item), ...v.at], v.item);
  }
}

function describeUntyped(item: unknown): string {
  if (typeof item === 'string') return 'a raw event-stream line';
  if (item === null) return 'null';
  if (Array.isArray(item)) return 'an array';
  return typeof item === 'object' ? 'an object without __type__' : `a ${typeof item}`;
}
