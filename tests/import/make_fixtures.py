#!/usr/bin/python3
"""Cut the fixtures of tests/import from the real snapshots: the entries named below, copied
as they are (in the snapshot's order), so each case reads a few entries, not 1.2 MB.
Usage: make_fixtures.py [OPENROUTER_JSON LITELLM_JSON]   (default: the dated copies in
data/snapshots)
Each entry is here for a case of import_test.py; the comment says which."""
import json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SNAPSHOTS = os.path.join(ROOT, "data", "snapshots")
OR_IN, LL_IN = sys.argv[1:3] if len(sys.argv) > 2 else (
    os.path.join(SNAPSHOTS, "openrouter-models-2026-07-02.json"),
    os.path.join(SNAPSHOTS, "litellm-model-prices-2025-09-05.json"))
OUT = os.path.join(ROOT, "tests", "import", "fixtures")

OPENROUTER = [
    # one model under several providers (with LiteLLM's gpt-4o, azure/gpt-4o, ...)
    "openai/gpt-4o",
    # variants and snapshots that stay apart from gpt-4o
    "openai/gpt-4o-mini", "openai/gpt-4o-2024-08-06", "qwen/qwen-plus-2025-07-28:thinking",
    "qwen/qwen-plus-2025-07-28",
    # context_length 8191 against LiteLLM's max_input_tokens 8192
    "openai/gpt-4",
    # -1 (varies) and 0: unknown prices, never free
    "openrouter/auto", "openrouter/owl-alpha",
    # :free skipped; its paid twin keeps a price
    "meta-llama/llama-3.3-70b-instruct", "meta-llama/llama-3.3-70b-instruct:free",
    "openai/gpt-oss-120b", "openai/gpt-oss-120b:free",
    # a moving alias
    "~anthropic/claude-sonnet-latest",
    # "0.00000005" is 0.05 per million, not 0.049999999999999996
    "ibm-granite/granite-4.1-8b",
    # enough real models for the spec sample of 40
    "openai/gpt-4.1", "openai/gpt-4.1-mini", "openai/gpt-4.1-nano", "openai/gpt-5",
    "openai/gpt-5-mini", "openai/o3", "openai/o3-mini", "openai/o4-mini", "openai/gpt-oss-20b",
    "anthropic/claude-sonnet-4", "anthropic/claude-opus-4.1", "anthropic/claude-3.5-haiku",
    "anthropic/claude-haiku-4.5", "anthropic/claude-sonnet-4.5",
    "google/gemini-2.5-pro", "google/gemini-2.5-flash", "google/gemini-2.0-flash-001",
    "google/gemma-3-27b-it", "meta-llama/llama-3.1-8b-instruct", "meta-llama/llama-4-maverick",
    "meta-llama/llama-4-scout", "mistralai/mistral-large-2411", "mistralai/mistral-nemo",
    "mistralai/mistral-small-3.2-24b-instruct", "mistralai/devstral-small", "x-ai/grok-4",
    "x-ai/grok-3-mini", "x-ai/grok-code-fast-1", "deepseek/deepseek-r1",
    "deepseek/deepseek-chat-v3.1", "deepseek/deepseek-v3.2", "qwen/qwen3-coder",
    "qwen/qwen3-235b-a22b-2507", "qwen/qwen-2.5-72b-instruct", "qwen/qwen3-32b",
    "amazon/nova-pro-v1", "amazon/nova-lite-v1", "cohere/command-a", "microsoft/phi-4",
    "nvidia/nemotron-nano-9b-v2", "nvidia/llama-3.3-nemotron-super-49b-v1.5",
    # issue 15: prices swapped in LiteLLM's entry (this one is right); routers
    "cohere/command-r7b-12-2024", "switchpoint/router", "openrouter/free",
    # deepseek-chat: two LiteLLM entries for one route, the stale one first
    "deepseek/deepseek-chat",
    # copies: xAI's -beta names on OpenRouter; the bases of LiteLLM's provider copies below
    "x-ai/grok-3", "x-ai/grok-3-beta", "meta-llama/llama-3.1-70b-instruct",
    "meta-llama/llama-3-70b-instruct",
]

# OpenRouter variants the snapshot no longer lists, made from the real entry of their base model
# as OpenRouter listed them (id, and what differs): issue 15, a variant is a route of the base.
DERIVED = [
    # beside its base: it must not change the base's OpenRouter route or price
    ("openai/gpt-4o", "openai/gpt-4o:extended",
     {"pricing": {"prompt": "0.000006", "completion": "0.000018"},
      "top_provider": {"context_length": 128000, "max_completion_tokens": 64000,
                       "is_moderated": False}}),
    ("meta-llama/llama-3.1-70b-instruct", "meta-llama/llama-3.1-70b-instruct:nitro",
     {"pricing": {"prompt": "0.00000088", "completion": "0.00000088"}}),
    # alone (its base is not in the fixture): the base model's OpenRouter route
    ("anthropic/claude-3-haiku", "anthropic/claude-3-haiku:beta",
     {"top_provider": {"context_length": 200000, "max_completion_tokens": 4096,
                       "is_moderated": False}}),
]

LITELLM = [
    # gpt-4o under OpenAI (twice), Azure, OpenRouter and Vercel: one record; batch prices
    "gpt-4o", "openai/gpt-4o", "azure/gpt-4o", "openrouter/openai/gpt-4o",
    "vercel_ai_gateway/openai/gpt-4o",
    # snapshots and variants that stay apart; a moving alias; a fine-tuning price
    "gpt-4o-2024-08-06", "azure/eu/gpt-4o-2024-08-06", "gpt-4o-mini", "azure/gpt-4o-mini",
    "chatgpt-4o-latest", "ft:gpt-4o-2024-08-06",
    # non-chat entries
    "text-embedding-3-small", "hd/1024-x-1792/dall-e-3", "whisper-1", "tts-1", "text-moderation-latest",
    "rerank-english-v3.0", "gpt-3.5-turbo-instruct",
    # context window 8192 (input only) against OpenRouter's 8191
    "gpt-4",
    # 1e-07 per token is 0.1 per million; 3e-06 is 3
    "gpt-4.1-nano", "claude-3-7-sonnet-20250219",
    "gpt-4.1", "gpt-4.1-mini", "gpt-5", "azure/gpt-5", "gpt-5-mini", "o3", "o3-mini", "o4-mini",
    # Anthropic's dated ids are the undated models (aliases.json); Bedrock cross-region routes
    "claude-sonnet-4-20250514", "claude-4-sonnet-20250514",
    "us.anthropic.claude-sonnet-4-20250514-v1:0", "eu.anthropic.claude-sonnet-4-20250514-v1:0",
    "vertex_ai/claude-sonnet-4@20250514", "claude-opus-4-1-20250805", "claude-3-5-haiku-20241022",
    # first party twice (Gemini API first, then Vertex AI); long-context tiers above 128k, 200k
    "gemini/gemini-2.5-pro", "gemini-2.5-pro", "gemini/gemini-1.5-pro", "gemini/gemini-2.5-flash",
    "gemini/gemini-2.0-flash-001",
    # Llama 3.3 70B under many names; a Turbo variant apart; a free tier; a zero price
    "groq/llama-3.3-70b-versatile", "deepinfra/meta-llama/Llama-3.3-70B-Instruct",
    "meta.llama3-3-70b-instruct-v1:0", "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo-Free",
    "vertex_ai/meta/llama3-405b-instruct-maas",
    # regional routes: one per region with a price of its own
    "meta.llama3-8b-instruct-v1:0", "bedrock/us-east-1/meta.llama3-8b-instruct-v1:0",
    "bedrock/ap-south-1/meta.llama3-8b-instruct-v1:0",
    # not per-token routes
    "bedrock/us-east-1/1-month-commitment/anthropic.claude-v1", "ollama/llama3",
    "together-ai-up-to-4b", "sagemaker/meta-textgeneration-llama-2-7b",
    "mistral/mistral-large-2411", "mistral/open-mistral-nemo",
    "deepinfra/mistralai/Mistral-Small-3.2-24B-Instruct-2506",
    "xai/grok-4-0709", "xai/grok-3-mini", "xai/grok-code-fast-1",
    "deepseek/deepseek-reasoner", "deepinfra/deepseek-ai/DeepSeek-R1", "us.deepseek.r1-v1:0",
    "deepinfra/Qwen/Qwen3-Coder-480B-A35B-Instruct",
    "vertex_ai/qwen/qwen3-coder-480b-a35b-instruct-maas",
    "fireworks_ai/accounts/fireworks/models/qwen2p5-coder-32b-instruct",
    "amazon.nova-pro-v1:0", "us.amazon.nova-pro-v1:0", "command-a-03-2025", "azure_ai/Phi-4",
    # issue 15: input and output swapped (OpenRouter has them right)
    "command-r7b-12-2024",
    # two entries for DeepSeek's route of deepseek-chat: 0.14/0.28 (stale) and 0.27/1.1
    "deepseek-chat", "deepseek/deepseek-chat",
    # Oracle's Grok 4 output price of $0.15 beside $15: an outlier
    "oci/xai.grok-4", "vercel_ai_gateway/xai/grok-4",
    # an embedding model LiteLLM also lists under mode "chat"; text-to-speech under "chat"
    "mistral/mistral-embed", "vercel_ai_gateway/mistral/mistral-embed",
    "gemini/gemini-2.5-flash-preview-tts",
    # LiteLLM's keys for OpenRouter routes OpenRouter no longer lists; a router
    "openrouter/anthropic/claude-3.7-sonnet", "openrouter/databricks/dbrx-instruct",
    "openrouter/switchpoint/router",
    # provider copies of a model's name: Databricks' prefix, Groq's context suffix, Fireworks'
    # llama-v, Hugging Face's -hf, Vertex's -001, xAI's -beta; DeepSeek's deepseek-v3 name
    "databricks/databricks-meta-llama-3-1-70b-instruct", "groq/llama3-70b-8192",
    "fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct",
    "deepinfra/meta-llama/Llama-2-7b-chat-hf", "gemini-2.0-flash-001", "xai/grok-3-beta",
    "deepseek/deepseek-v3",
    # AI21's own route listed under a Vertex-style name first, then its own
    "jamba-1.5-large@001", "jamba-1.5-large", "vertex_ai/jamba-1.5-large@001",
    # an embedding model LiteLLM lists only under mode "chat" (aliases.json "kinds")
    "vercel_ai_gateway/cohere/embed-v4.0",
]


def main():
    with open(OR_IN, encoding="utf-8") as f:
        orm = json.load(f)
    with open(LL_IN, encoding="utf-8") as f:
        ll = json.load(f)
    want = set(OPENROUTER)
    data = [m for m in orm["data"] if m["id"] in want]
    missing = want - {m["id"] for m in data}
    by_id = {m["id"]: m for m in orm["data"]}
    for base, vid, changes in DERIVED:
        if base not in by_id:
            missing.add(base)
            continue
        v = json.loads(json.dumps(by_id[base]))
        v["id"] = vid
        if "canonical_slug" in v:
            v["canonical_slug"] = vid
        suffix = vid.split(":")[1]
        v["name"] += " (" + {"beta": "self-moderated"}.get(suffix, suffix) + ")"
        for k, x in changes.items():
            v[k] = {**v.get(k, {}), **x} if isinstance(x, dict) else x
        data.append(v)
    missing |= {k for k in LITELLM if k not in ll}
    if missing:
        sys.exit(f"not in the snapshots: {sorted(missing)}")
    keep = set(LITELLM)
    with open(os.path.join(OUT, "openrouter.json"), "w", encoding="utf-8") as f:
        json.dump({"data": data}, f, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(OUT, "litellm.json"), "w", encoding="utf-8") as f:
        json.dump({k: v for k, v in ll.items() if k in keep}, f, indent=4, ensure_ascii=False)
        f.write("\n")
    print(f"{len(data)} OpenRouter entries, {len(keep)} LiteLLM entries")


if __name__ == "__main__":
    main()
