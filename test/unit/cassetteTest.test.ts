// Which test records a cassette, from the recorder's path convention, and the re-record command it gives.
import assert from 'node:assert/strict';
import { cassetteTest, DEFAULT_CASSETTE_COMMANDS, requiredPlaceholder, testRunCommandWith } from '../../src/core/rerecord';

describe('cassette tests', () => {
  it('reads pytest-recording paths: module, class, parametrization', () => {
    assert.deepEqual(cassetteTest('tests/models/cassettes/test_openai/test_text_response.yaml'), {
      testId: 'tests/models/test_openai.py::test_text_response',
      testName: 'test_text_response',
      cassette: 'tests/models/cassettes/test_openai/test_text_response.yaml',
    });
    assert.deepEqual(cassetteTest('python/x/tests/cassettes/test_token_counts/TestTokenCounts.test_anthropic.yaml'), {
      testId: 'python/x/tests/test_token_counts.py::TestTokenCounts::test_anthropic',
      testName: 'test_anthropic',
      cassette: 'python/x/tests/cassettes/test_token_counts/TestTokenCounts.test_anthropic.yaml',
    });
    assert.deepEqual(cassetteTest('tests\\models\\cassettes\\test_tool_choice_matrix\\test_tool_choice_matrix[none-huggingface.v2].yaml').testId, 'tests/models/test_tool_choice_matrix.py::test_tool_choice_matrix[none-huggingface.v2]');
    assert.deepEqual(cassetteTest('cassettes/test_mod/test_x.yml').testId, 'test_mod.py::test_x');
  });

  it('reads go-vcr and httprr paths: the package and a -run pattern of the test and its subtests', () => {
    assert.deepEqual(cassetteTest('providertests/testdata/TestAnthropicThinking/claude-sonnet-4/thinking.yaml'), {
      testName: 'TestAnthropicThinking',
      cassette: 'providertests/testdata/TestAnthropicThinking/claude-sonnet-4/thinking.yaml',
      goPackage: './providertests',
      goRun: '^TestAnthropicThinking$/^claude-sonnet-4$/^thinking$',
    });
    assert.deepEqual(cassetteTest('llms/googleai/testdata/TestGoogleAIWithStreaming.httprr'), {
      testName: 'TestGoogleAIWithStreaming',
      cassette: 'llms/googleai/testdata/TestGoogleAIWithStreaming.httprr',
      goPackage: './llms/googleai',
      goRun: '^TestGoogleAIWithStreaming$',
    });
  });

  it('other paths name only the cassette and its file stem', () => {
    assert.deepEqual(cassetteTest('spec/fixtures/vcr_cassettes/chat_basic.yml'), { testName: 'chat_basic', cassette: 'spec/fixtures/vcr_cassettes/chat_basic.yml' });
  });

  it('fills the recorder\'s own switch into an argument vector, each value one argument', () => {
    const t = cassetteTest('tests/cassettes/test_mod/test_x[a b;$(calc)].yaml');
    const template = DEFAULT_CASSETTE_COMMANDS.vcrpy as string;
    assert.equal(requiredPlaceholder(template), 'testId');
    assert.deepEqual(testRunCommandWith(template, { ...t }, requiredPlaceholder(template)), { command: 'pytest', args: ['tests/test_mod.py::test_x[a b;$(calc)]', '--record-mode=rewrite'] });
    const go = cassetteTest('llms/googleai/testdata/TestGoogleAIWithStreaming.httprr');
    const httprr = DEFAULT_CASSETTE_COMMANDS.httprr as string;
    assert.deepEqual(testRunCommandWith(httprr, { ...go }, requiredPlaceholder(httprr)), { command: 'go', args: ['test', './llms/googleai', '-run', '^TestGoogleAIWithStreaming$', '-httprecord=.*'] });
    assert.throws(() => testRunCommandWith('pytest ${testId}', { testId: '-p evil' }, 'testId'), /starts with -/);
    assert.throws(() => testRunCommandWith('rspec', { cassette: 'x' }, 'cassette'), /no \$\{cassette\} placeholder/);
  });
});
