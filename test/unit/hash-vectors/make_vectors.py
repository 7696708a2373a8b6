#!/usr/bin/env python3
"""Writes vectors.json: hand-made OGX requests and the hash each of the recorder's rule sets gives them.

The rules are those of src/core/ogx/hashRules.ts, written out again here in Python so that json.dumps,
round(), f"{x:.5f}", re (Unicode \\d and \\s) and urlparse are Python's own, not a model of them.
Run it from anywhere: python3 test/unit/hash-vectors/make_vectors.py
"""
import hashlib
import json
import platform
import re
from pathlib import Path
from urllib.parse import urlparse

MODEL_LISTS = ["/api/tags", "/v1/models", "/v1/openai/v1/models"]

# id -> (name length, inference recipe or None, http payload normalization or None, tool recipe?)
RULE_SETS = {
    "file-search": (64, {"body": "file-search", "test_id": True, "shared": MODEL_LISTS, "suffix": False, "bedrock": True}, "file-search", True),
    "models-by-suffix": (64, {"body": "file-search", "test_id": True, "shared": ["/api/tags"], "suffix": True, "bedrock": True}, "file-search", False),
    "numbers": (64, {"body": "numbers", "test_id": True, "shared": MODEL_LISTS, "suffix": False, "bedrock": True}, "numbers", False),
    "test-id": (64, {"body": "none", "test_id": True, "shared": ["/api/tags", "/v1/models"], "suffix": False, "bedrock": False}, None, True),
    "legacy": (12, {"body": "none", "test_id": False, "shared": [], "suffix": False, "bedrock": False}, None, True),
}

UUID = r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"
DECIMAL_IN_TEXT = re.compile(r"-?\d+\.\d{4,}")
FILE_SEARCH_MASKS = [
    (re.compile(r"score:\s*[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?"), "score: __NORMALIZED__"),
    (re.compile(r",?\s*attributes:\s*\{[^}]*\}"), ""),
    (re.compile(r"document_id:\s*" + UUID), "document_id: __NORMALIZED__"),
    (re.compile(r"<\|" + UUID + r"\|>"), "<|__NORMALIZED__|>"),
]


def normalized(value, how, at_root=True, drop_stream_options=False):
    """The body as a rule set hashes it; list items count as roots again, as in the recorder."""
    if how == "none":
        return value
    if isinstance(value, dict):
        out = {key: normalized(item, how, at_root=False) for key, item in value.items()}
        if drop_stream_options:
            out.pop("stream_options", None)
        if how == "file-search" and at_root:
            for key in ("extra_body", "extra_query"):
                if isinstance(out.get(key), dict):
                    out[key].pop("project_id", None)
        return out
    if isinstance(value, list):
        return [normalized(item, how) for item in value]
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, str):
        if how == "file-search":
            for pattern, replacement in FILE_SEARCH_MASKS:
                value = pattern.sub(replacement, value)
        return DECIMAL_IN_TEXT.sub(lambda m: f"{float(m.group(0)):.5f}", value)
    return value


def sha256(obj):
    return hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest()


def rule_hash(set_id, request, test_id):
    """The 64-hex hash the rule set computes, or None when it has no recipe for this request."""
    _, inference, http, tool = RULE_SETS[set_id]
    if "payload" in request:
        if http is None:
            return None
        return sha256({"test_id": test_id, "url": request["url"], "method": request["method"].upper(), "payload": normalized(request["payload"], http)})
    if "tool_name" in request:
        if not tool:
            return None
        return sha256({"provider": request["provider"], "tool_name": request["tool_name"], "kwargs": request["kwargs"]})
    parsed = urlparse(request["url"])
    bedrock = inference["bedrock"] and "bedrock" in parsed.netloc
    hashed = {"method": request["method"].upper(), "endpoint": parsed.path, "body": normalized(request["body"], inference["body"], True, bedrock)}
    shared = parsed.path in inference["shared"] or (inference["suffix"] and parsed.path.endswith("/models"))
    if inference["test_id"] and not shared:
        hashed["test_id"] = test_id
    return sha256(hashed)


def chat(url, body, endpoint="/v1/chat/completions"):
    return {"method": "POST", "url": url, "headers": {}, "body": body, "endpoint": endpoint, "model": body.get("model", "")}


DOC = "3f2b9c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b"
TEST = "tests/integration/responses/test_file_search.py::test_response_file_search[openai_client-txt=openai/gpt-4o]"

VECTORS = [
    ("chat-plain", TEST, chat("https://api.openai.com/v1/v1/chat/completions", {"model": "gpt-4o", "messages": [{"role": "user", "content": "Which planet has rings?"}], "stream": False})),
    ("chat-floats", TEST, chat("https://api.openai.com/v1/v1/chat/completions", {
        "model": "gpt-4o", "temperature": 0.1234567, "top_p": 1.0, "seed": 42, "presence_penalty": 1.5e-07,
        "messages": [{"role": "user", "content": "pi is 3.14159265, e is -2.7182818 and 1.2345 stays 1.23450; \u0663.\u0661\u0664\u0661\u0665\u0669 too"}]})),
    ("chat-file-search", TEST, chat("https://api.openai.com/v1/v1/chat/completions", {
        "model": "gpt-4o",
        "messages": [
            {"role": "user", "content": "What does the report say?", "extra_body": {"project_id": "in-a-list-item"}},
            {"role": "tool", "tool_call_id": "call_1", "content": f"[1] document_id: {DOC}, score: 0.8123456, attributes: {{'region': 'us', 'year': 2024}}\nSales grew 12.5% <|{DOC}|>"},
        ],
        "extra_body": {"project_id": "proj-123", "guided_choice": ["a", "b"]},
        "extra_query": {"project_id": "proj-123"}})),
    ("chat-bedrock", TEST, chat("https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1/chat/completions", {
        "model": "openai.gpt-oss-20b-1:0", "messages": [{"role": "user", "content": "Hi"}], "stream": True, "stream_options": {"include_usage": True}})),
    ("models", None, chat("http://localhost:8080/v1/models", {}, "/v1/models")),
    ("models-with-test", TEST, chat("http://localhost:8080/v1/models", {}, "/v1/models")),
    ("models-doubled-v1", TEST, chat("http://localhost:11434/v1/v1/models", {}, "/v1/models")),
    ("ollama-tags", TEST, {"method": "POST", "url": "http://localhost:11434/api/tags", "headers": {}, "body": {}, "endpoint": "/api/tags", "model": ""}),
    ("ollama-generate", TEST, {"method": "POST", "url": "http://0.0.0.0:11434/api/generate", "headers": {}, "body": {"model": "llama3.2:3b", "prompt": "caf\u00e9 \u2615 \U0001F600 \"quoted\" \\ back", "options": {"temperature": 0.0, "num_predict": 9007199254740993}, "raw": True, "stream": False}, "endpoint": "/api/generate", "model": "llama3.2:3b"}),
    ("vertex", TEST, chat("vertexai:///generate_content", {"model": "gemini-2.0-flash", "contents": [{"parts": [{"text": "Hello"}], "role": "user"}], "config": {"temperature": 0.70000001}}, "/generate_content")),
    ("tool", TEST, {"test_id": TEST, "provider": "tavily-search", "tool_name": "web_search", "kwargs": {"query": "latest news 2.123456"}}),
    ("http-rerank", TEST, {"test_id": TEST, "url": "http://localhost:8000/v1/rerank", "method": "POST", "payload": {"model": "rerank-v1", "query": "score: 0.99", "documents": [f"document_id: {DOC} text"], "threshold": 0.123456789, "extra_body": {"project_id": "p"}}}),
    ("http-messages-null-test", None, {"test_id": None, "url": "http://0.0.0.0:11434/v1/messages", "method": "post", "payload": {"model": "llama3.2:3b", "max_tokens": 16, "messages": [{"role": "user", "content": "Hi"}]}}),
]

MODEL_LISTS_FOR_DIGESTS = [
    ("openai-models", "/v1/models", ["gpt-4o", "gpt-4o-mini", "gpt-4o", "text-embedding-3-small"]),
    ("ollama-tags", "/api/tags", ["llama3.2:3b", "all-minilm:l6-v2"]),
]


def main():
    vectors = []
    for name, test_id, request in VECTORS:
        hashes = {}
        for set_id in RULE_SETS:
            h = rule_hash(set_id, request, test_id)
            if h is not None:
                hashes[set_id] = h
            if test_id is not None:
                null = rule_hash(set_id, request, None)
                if null is not None and null != h:
                    hashes[set_id + "/no-test-context"] = null
        vectors.append({"name": name, "testId": test_id, "requestText": json.dumps(request, indent=2), "hashes": hashes})
    digests = []
    for name, endpoint, ids in MODEL_LISTS_FOR_DIGESTS:
        joined = "|".join(sorted(set(ids)))
        digests.append({"name": name, "endpoint": endpoint, "ids": ids, "sha1": hashlib.sha1(joined.encode()).hexdigest()[:8], "sha256": hashlib.sha256(joined.encode()).hexdigest()[:8]})
    out = {"generatedBy": "test/unit/hash-vectors/make_vectors.py", "python": platform.python_version(), "vectors": vectors, "digests": digests}
    path = Path(__file__).with_name("vectors.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {len(vectors)} requests and {len(digests)} model lists to {path}")


if __name__ == "__main__":
    main()
