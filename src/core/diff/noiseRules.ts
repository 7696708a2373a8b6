// Which values never matter to a reviewer: what recorders normalize away or what every re-record changes
// (ids, creation times, durations, system fingerprints, obfuscation padding). A key named here is noise
// wherever it appears, in the request (an earlier answer's tool-call id) or in the response.

const NOISE_KEYS = new Set([
  // Response, message and tool-call ids, and the requests that refer back to them.
  'id', 'call_id', 'tool_call_id', 'tool_use_id', 'toolUseId', 'item_id', 'response_id', 'responseId', 'previous_response_id',
  // Times.
  'created', 'created_at', 'createdAt', 'createTime', 'completed_at', 'timestamp',
  // Per-run server facts.
  'system_fingerprint', 'obfuscation',
]);

export function isNoiseKey(key: string): boolean {
  // Ollama's total_duration, load_duration, prompt_eval_duration, eval_duration (the recorder sets them to 0).
  return NOISE_KEYS.has(key) || key.endsWith('_duration');
}
