// Bytes → text when they are text: valid UTF-8 with no NUL (a NUL means a binary format, whatever
// the rest decodes to). A byte order mark is kept, so offsets into raw bytes stay aligned.

// Decoding without { stream: true } keeps no state between calls, so one decoder serves every body.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function textOfBytes(bytes: Uint8Array): string | undefined {
  if (bytes.indexOf(0) >= 0) return undefined;
  try {
    return strict.decode(bytes);
  } catch {
    // Not UTF-8, or longer than a string can be.
    return undefined;
  }
}

/** The bytes as text whatever they hold (bad sequences become U+FFFD), for payloads shown as they are. */
export function lossyTextOfBytes(bytes: Uint8Array): string {
  try {
    return lossy.decode(bytes);
  } catch {
    return '';
  }
}

export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
