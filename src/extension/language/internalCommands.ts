// Commands the extension calls on itself; not in package.json, so they never show in the palette.

/** (uri) => number | undefined: validates an open fixture now, skipping the edit delay; returns its problem count. */
export const FLUSH_DIAGNOSTICS_COMMAND = '_fixtureLens.flushDiagnostics';

/** (uri) => boolean: rewrites a saved file without its UTF-8 byte order mark. */
export const REMOVE_BYTE_ORDER_MARK_COMMAND = '_fixtureLens.removeByteOrderMark';

/** (uri) => timings | undefined, outside production only: when the document's last validation was scheduled, started and published. */
export const VALIDATION_TIMING_COMMAND = 'fixtureLens._test.validationTiming';
