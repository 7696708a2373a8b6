// AWS `application/vnd.amazon.eventstream` frames read from bytes: a prelude (total length, headers
// length, CRC-32 of those eight bytes), headers (name, type, value of types 0–9), the payload and a
// CRC-32 of the whole message. Both checksums are verified; a frame that does not check is reported.
import { crc32 } from './crc32';
import { lossyTextOfBytes } from './utf8Text';

export type EventstreamHeaderValue = boolean | number | string;

export interface EventstreamFrame {
  /** Byte offset of the frame in the body. */
  readonly offset: number;
  readonly headers: ReadonlyMap<string, EventstreamHeaderValue>;
  readonly payload: Uint8Array;
}

export type FrameRead =
  | { readonly ok: true; readonly frame: EventstreamFrame; readonly next: number }
  /** `next` is where reading may go on (the frame's end, when its prelude could be trusted), else undefined. */
  | { readonly ok: false; readonly message: string; readonly next: number | undefined };

const PRELUDE = 12;
const MIN_FRAME = 16;

function u32(b: Uint8Array, at: number): number {
  return (((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)) >>> 0;
}

function u16(b: Uint8Array, at: number): number {
  return ((b[at] as number) << 8) | (b[at + 1] as number);
}

/** True when a frame's prelude starts at `at`: lengths that fit and a prelude checksum that checks. */
export function hasFramePrelude(b: Uint8Array, at = 0): boolean {
  if (b.length - at < MIN_FRAME) return false;
  const total = u32(b, at);
  const headers = u32(b, at + 4);
  return total >= MIN_FRAME && total <= b.length - at && headers <= total - MIN_FRAME && crc32(b, at, at + 8) === u32(b, at + 8);
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** The headers of `b[start, end)`, or what is wrong with them. */
function readHeaders(b: Uint8Array, start: number, end: number): Map<string, EventstreamHeaderValue> | string {
  const headers = new Map<string, EventstreamHeaderValue>();
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = start;
  while (i < end) {
    const nameLength = b[i] as number;
    if (i + 1 + nameLength + 1 > end) return `a header at byte ${i - start} runs past the headers`;
    const name = lossyTextOfBytes(b.subarray(i + 1, i + 1 + nameLength));
    i += 1 + nameLength;
    const type = b[i] as number;
    i++;
    const fixed = [0, 0, 1, 2, 4, 8, -1, -1, 8, 16][type];
    if (fixed === undefined) return `header ${name} has value type ${type}, which is not one of 0–9`;
    let value: EventstreamHeaderValue;
    if (fixed === -1) {
      if (i + 2 > end) return `header ${name} runs past the headers`;
      const length = u16(b, i);
      i += 2;
      if (i + length > end) return `header ${name} runs past the headers`;
      const bytes = b.subarray(i, i + length);
      value = type === 7 ? lossyTextOfBytes(bytes) : hex(bytes);
      i += length;
    } else {
      if (i + fixed > end) return `header ${name} runs past the headers`;
      switch (type) {
        case 0:
          value = true;
          break;
        case 1:
          value = false;
          break;
        case 2:
          value = view.getInt8(i);
          break;
        case 3:
          value = view.getInt16(i);
          break;
        case 4:
          value = view.getInt32(i);
          break;
        case 5:
        case 8:
          // A long, or a timestamp in milliseconds: a double holds both exactly up to 2^53.
          value = Number(view.getBigInt64(i));
          break;
        default: {
          const h = hex(b.subarray(i, i + 16));
          value = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        }
      }
      i += fixed;
    }
    headers.set(name, value);
  }
  return headers;
}

export function readFrame(b: Uint8Array, at: number): FrameRead {
  const left = b.length - at;
  if (left < MIN_FRAME) return { ok: false, message: `frame at byte ${at} is cut off: ${left} byte${left === 1 ? '' : 's'} left, fewer than a frame's 16`, next: undefined };
  const total = u32(b, at);
  const headersLength = u32(b, at + 4);
  if (crc32(b, at, at + 8) !== u32(b, at + 8)) return { ok: false, message: `frame at byte ${at}: the prelude checksum does not match`, next: undefined };
  if (total < MIN_FRAME || headersLength > total - MIN_FRAME) return { ok: false, message: `frame at byte ${at}: its lengths do not fit (total ${total}, headers ${headersLength})`, next: undefined };
  if (total > left) return { ok: false, message: `frame at byte ${at} is cut off: it says ${total} bytes, ${left} are left`, next: undefined };
  const end = at + total;
  if (crc32(b, at, end - 4) !== u32(b, end - 4)) return { ok: false, message: `frame at byte ${at}: the message checksum does not match`, next: end };
  const headers = readHeaders(b, at + PRELUDE, at + PRELUDE + headersLength);
  if (typeof headers === 'string') return { ok: false, message: `frame at byte ${at}: ${headers}`, next: end };
  return { ok: true, frame: { offset: at, headers, payload: b.subarray(at + PRELUDE + headersLength, end - 4) }, next: end };
}
