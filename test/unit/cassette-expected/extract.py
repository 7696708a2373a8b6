#!/usr/bin/env python3
"""Reads a dozen real cassettes of ../shared/cassettes independently of Fixture Lens (PyYAML, json, gzip,
base64 and a few lines per API) and writes what their answers say to cassette-expected.json, which the
cassette tests compare Fixture Lens's reassembly against. Run it from the repository root:
    python3 test/unit/cassette-expected/extract.py
"""
import base64, gzip, json, os, sys

import yaml

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'shared', 'cassettes')
CASES = [
    ('vcrpy', 'simonw+llm__tests__cassettes__test_tools_streaming__test_tools_streaming_variant_a.yaml', 0),
    ('vcrpy', 'simonw+llm__tests__cassettes__test_tools_streaming__test_tools_streaming_variant_a.yaml', 1),
    ('vcrpy', 'crewAIInc+crewAI__lib__crewai__tests__cassettes__llms__TestAnthropicToolCallStreaming.test_anthropic_streaming_emits_tool_call_events.yaml', 0),
    ('vcrpy', 'pydantic+logfire__tests__otel_integrations__cassettes__test_openai__test_responses_stream.yaml', 0),
    ('vcrpy', 'pydantic+pydantic-ai__tests__models__cassettes__test_deepseek__test_deepseek_model_thinking_stream.yaml', 0),
    ('vcrpy', 'pydantic+logfire__tests__otel_integrations__cassettes__test_openai__test_openrouter_streaming_reasoning.yaml', 0),
    ('vcrpy', 'pydantic+pydantic-ai__tests__models__cassettes__test_google__test_google_vertex_service_tier_flex_stream.yaml', 0),
    ('vcrpy', 'traceloop+openllmetry__packages__opentelemetry-instrumentation-groq__tests__traces__cassettes__test_chat_tracing__test_chat_legacy.yaml', 0),
    ('vcr-ruby', 'crmne+ruby_llm__spec__fixtures__vcr_cassettes__chat_function_calling_gemini_gemini-2_5-flash_can_use_tools_with_multi-turn_streaming_conversations.yml', 2),
    ('vcr-ruby', 'crmne+ruby_llm__spec__fixtures__vcr_cassettes__chat_function_calling_openrouter_claude-haiku-4-5_can_use_tools_with_multi-turn_streaming_conversations.yml', 0),
    ('go-vcr', 'charmbracelet+fantasy__providertests__testdata__TestAnthropicThinking__claude-sonnet-4__thinking.yaml', 0),
    ('go-vcr', 'charmbracelet+fantasy__providertests__testdata__TestOpenAICompatibleCommon__zai-glm-4-7-flash__tool_streaming.yaml', 1),
    ('azure-test-proxy', 'openai+openai-dotnet__tests__SessionRecords__ChatTests__StreamingStructuredRefusalWorks.json', 0),
    ('datadog-vcr', 'DataDog+dd-trace-py__tests__cassettes__mistral__mistral_v1_chat_completions_post_7dbf2fa3.json', 0),
    ('har', 'traceloop+openllmetry-js__packages__instrumentation-langchain__recordings__Test-Langchain-instrumentation_2353722718__should-set-attributes-in-span-for-agent-instrumentation_1316891278__recording.har', 1),
    ('nock', 'open-telemetry+opentelemetry-js-contrib__packages__instrumentation-openai__test__mock-responses__openai-streaming-responses-adds-genai-conventions.json', 0),
]


class Loader(yaml.SafeLoader):
    pass


Loader.add_constructor('tag:yaml.org,2002:binary', lambda l, n: base64.b64decode(''.join(n.value.split())))
Loader.add_constructor('!binary', lambda l, n: base64.b64decode(''.join(n.value.split())))


def as_text(b):
    if isinstance(b, bytes):
        if b[:2] == b'\x1f\x8b':
            b = gzip.decompress(b)
        return b.decode('utf-8')
    return b


def exchange(fmt, path, i):
    if fmt in ('vcrpy', 'vcr-ruby', 'go-vcr'):
        doc = yaml.load(open(path, encoding='utf-8'), Loader=Loader)
        it = (doc.get('interactions') or doc.get('http_interactions'))[i]
        req, resp = it['request'], it['response']
        url = req.get('uri') or req.get('url')
        body = resp['body']
        if isinstance(body, dict):
            body = body.get('string')
        return url, as_text(body)
    doc = json.load(open(path, encoding='utf-8'))
    if fmt == 'azure-test-proxy':
        e = doc['Entries'][i]
        body = e['ResponseBody']
        return e['RequestUri'], '\n'.join(body) if isinstance(body, list) else json.dumps(body)
    if fmt == 'datadog-vcr':
        return doc['request']['url'], doc['response']['body']
    if fmt == 'har':
        e = doc['log']['entries'][i]
        c = e['response']['content']
        return e['request']['url'], c['text']
    if fmt == 'nock':
        e = doc[i]
        r = e['response']
        return e['scope'] + e['path'], r if isinstance(r, str) else json.dumps(r)
    raise ValueError(fmt)


def sse_events(text):
    for block in text.replace('\r\n', '\n').split('\n\n'):
        data = [l[5:].lstrip(' ') if l.startswith('data:') else None for l in block.split('\n')]
        data = [d.rstrip() for d in data if d is not None]
        if data:
            yield '\n'.join(data)


def answer(url, text):
    content, reasoning, tools, refusal = '', '', {}, None
    if text.lstrip().startswith('{') and 'data:' not in text[:20]:
        body = json.loads(text)
        if 'choices' in body:
            m = body['choices'][0]['message']
            content = m.get('content') or ''
            for k, t in enumerate(m.get('tool_calls') or []):
                tools[k] = {'name': t['function']['name'], 'arguments': t['function']['arguments']}
        for block in body.get('content') or []:  # Anthropic Messages
            if block['type'] == 'text':
                content += block['text']
            elif block['type'] == 'thinking':
                reasoning += block['thinking']
            elif block['type'] == 'tool_use':
                tools[len(tools)] = {'name': block['name'], 'arguments': json.dumps(block['input'])}
        return content, reasoning, tools, refusal
    for data in sse_events(text):
        if data == '[DONE]':
            continue
        ev = json.loads(data)
        t = ev.get('type')
        if 'choices' in ev:  # OpenAI chat chunks
            for ch in ev['choices']:
                d = ch.get('delta') or {}
                if isinstance(d.get('content'), str):
                    content += d['content']
                for key in ('reasoning_content', 'reasoning'):
                    if isinstance(d.get(key), str):
                        reasoning += d[key]
                        break
                if isinstance(d.get('refusal'), str):
                    refusal = (refusal or '') + d['refusal']
                for tc in d.get('tool_calls') or []:
                    slot = tools.setdefault(tc.get('index', 0), {'name': '', 'arguments': ''})
                    fn = tc.get('function') or {}
                    if fn.get('name') and fn['name'] != slot['name']:
                        slot['name'] += fn['name']
                    slot['arguments'] += fn.get('arguments') or ''
        elif 'candidates' in ev:  # Gemini
            for part in ev['candidates'][0].get('content', {}).get('parts', []):
                if 'text' in part:
                    if part.get('thought'):
                        reasoning += part['text']
                    else:
                        content += part['text']
                if 'functionCall' in part:
                    tools[len(tools)] = {'name': part['functionCall']['name'], 'arguments': json.dumps(part['functionCall'].get('args', {}))}
        elif t == 'content_block_start' and ev['content_block']['type'] == 'tool_use':  # Anthropic
            tools[ev['index']] = {'name': ev['content_block']['name'], 'arguments': ''}
        elif t == 'content_block_delta':
            d = ev['delta']
            if d['type'] == 'text_delta':
                content += d['text']
            elif d['type'] == 'thinking_delta':
                reasoning += d['thinking']
            elif d['type'] == 'input_json_delta':
                tools[ev['index']]['arguments'] += d['partial_json']
        elif t == 'response.output_text.delta':  # OpenAI Responses
            content += ev['delta']
        elif t == 'response.reasoning_summary_text.delta':
            reasoning += ev['delta']
        elif t == 'response.output_item.added' and ev['item']['type'] == 'function_call':
            tools[ev['output_index']] = {'name': ev['item']['name'], 'arguments': ''}
        elif t == 'response.function_call_arguments.delta':
            tools[ev['output_index']]['arguments'] += ev['delta']
    return content, reasoning, tools, refusal


def main():
    out = []
    for fmt, name, i in CASES:
        url, text = exchange(fmt, os.path.join(ROOT, fmt, name), i)
        content, reasoning, tools, refusal = answer(url, text)
        out.append({
            'format': fmt, 'file': name, 'exchange': i, 'url': url,
            'content': content, 'reasoning': reasoning, 'refusal': refusal,
            'toolCalls': [tools[k] for k in sorted(tools)],
        })
    dest = os.path.join(os.path.dirname(__file__), 'cassette-expected.json')
    with open(dest, 'w', encoding='utf-8') as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'{len(out)} answers written to {dest}', file=sys.stderr)


main()
