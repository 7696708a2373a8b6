// Entry point of the core: fixture text in, FixtureAnalysis out, whatever recorder wrote it. Never throws on
// any input. The container is told from the text itself; an OGX recording (the common case, thousands of files a
// suite) goes the fast JSON path, every other recorder's cassette through containers → bodies → dialects.
import type { FixtureAnalysis } from './analysis';
import { analyzeCassette } from './cassette/analyzeCassette';
import { looksLikeHttprr, readHttprr } from './containers/httprr';
import { detectJsonContainer, readJsonContainer } from './containers/jsonContainers';
import { readYamlContainer } from './containers/yamlContainers';
import { parseJsonText } from './jsonText';
import { analyzeOgxRecording, type AnalyzeOptions } from './ogx/analyzeRecording';
import { asRecord } from './values';

export type { AnalyzeOptions } from './ogx/analyzeRecording';

export function analyzeFixture(text: string, options: AnalyzeOptions = {}): FixtureAnalysis {
  const first = firstSignificant(text);
  if (first !== '{' && first !== '[' && first !== '') {
    if (looksLikeHttprr(text)) return analyzeCassette(text, readHttprr(text), options);
    const yaml = readYamlContainer(text);
    if (yaml) return analyzeCassette(text, yaml, options);
  }
  const parsed = parseJsonText(text);
  if (parsed.complete) {
    const format = detectJsonContainer(parsed.value);
    if (format) return analyzeCassette(text, readJsonContainer(text, parsed.value, format), options);
    // vcrpy's JSON serializer writes its YAML tree as JSON; the YAML reader reads it (JSON is YAML).
    if (Array.isArray(asRecord(parsed.value)?.['interactions'])) {
      const vcrpy = readYamlContainer(text);
      if (vcrpy) return analyzeCassette(text, vcrpy, options);
    }
  }
  return analyzeOgxRecording(text, parsed, options);
}

/** The first character that is not white space or a byte order mark ('' for an empty text). */
function firstSignificant(text: string): string {
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    return text[i] as string;
  }
  return '';
}
