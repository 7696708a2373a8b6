// The bodies layer's public face: decoding stored bodies and cutting streams into events.
export { decodeBody, type DecodeBodyOptions, type DecodedBodyResult } from './decodeBody';
export { MAX_DECOMPRESSED_BYTES } from './decompress';
export { splitStream, type StreamHint } from './splitStream';
export type { BodyProblem, DecodedBody, StreamBody, StreamEvent, StreamFraming } from './types';
