// The languages a fixture document can have: JSON (OGX, HAR, nock, Azure, Datadog, vcrpy's JSON), YAML (VCR
// cassettes) and plain text (seeds ending in .txt, httprr traces).
export const FIXTURE_LANGUAGES: readonly string[] = ['json', 'jsonc', 'yaml', 'plaintext'];
