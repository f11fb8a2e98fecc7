import PRHubModel

/// The words that name each topic in titles, tags and paths. A title phrase is matched on the lowercased,
/// untagged title with word boundaries at its ends; a path fragment anywhere in the lowercased path.
enum TopicVocabulary {
    struct Entry {
        var topic: Topic.Subsystem
        /// Phrases of a title or tag (`spec decode`, `eagle`); a trailing `*` matches any word ending.
        var phrases: [String]
        /// Fragments of paths (`spec_decode/`).
        var paths: [String]
    }

    static let subsystems: [Entry] = [
        .init(topic: .speculativeDecoding,
            phrases: ["spec decode", "spec-decode", "spec_decode", "specdecode", "speculative*", "eagle*", "mtp", "draft model", "drafter",
                "draft*", "suffix decoding", "ngram", "medusa", "dflash"],
            paths: ["spec_decode/", "speculative", "/eagle", "/mtp"]),
        .init(topic: .disaggregation,
            phrases: ["disagg*", "p/d", "pd", "prefill-decode", "kv transfer", "kv_transfer", "mooncake", "nixl", "kv connector", "connector*",
                "llmdatadist"],
            paths: ["kv_transfer/", "disagg", "kv_connector", "mooncake"]),
        .init(topic: .kvCache,
            phrases: ["kv cache", "kvcache", "kv_cache", "kv pool", "kvpool", "kv-pool", "prefix cach*", "offload*", "lmcache", "block table",
                "hybrid kv", "kv-cache", "cache manager"],
            paths: ["kv_cache", "kv_pool", "kvpool", "offload", "block_table", "prefix_cach"]),
        .init(topic: .quantization,
            phrases: ["quant*", "w8a8*", "w4a8*", "w4a16", "w8a16", "fp8", "int8", "int4", "mxfp*", "nvfp4", "fp4", "awq", "gptq",
                "modelslim", "smoothquant", "float8", "mx"],
            paths: ["quantization/", "quant/", "/quant_", "float8", "mx_formats"]),
        .init(topic: .moe,
            phrases: ["moe", "fused moe", "fused_moe", "expert*", "eplb", "all2all", "alltoall", "dispatch combine", "router", "routing"],
            paths: ["fused_moe", "/moe/", "eplb/", "moe_"]),
        .init(topic: .attention,
            phrases: ["attention", "attn", "mla", "flashattention", "flash attention", "flash-attn", "sparse attention", "sliding window",
                "flashinfer", "paged attention", "dsa", "sfa"],
            paths: ["attention/", "attn", "/mla"]),
        .init(topic: .kernels,
            phrases: ["kernel*", "triton", "custom op*", "operator*", "fused", "fusion", "ascendc", "aclnn", "gemm", "cutlass", "op", "ops",
                "cuda graph kernel"],
            paths: ["csrc/", "kernels/", "/ops/", "triton", "custom_ops"]),
        .init(topic: .graphMode,
            phrases: ["aclgraph", "acl graph", "cudagraph*", "cuda graph*", "torch.compile", "compile", "compilation", "torchair", "npugraph*",
                "graph mode", "piecewise", "dynamo", "inductor", "xlite", "full graph", "graph capture"],
            paths: ["compilation/", "compile", "torchair", "graph"]),
        .init(topic: .multimodal,
            phrases: ["multimodal", "multi-modal", "vision", "vl", "vit", "image*", "video*", "audio", "omni", "mm", "vlm", "encoder cache"],
            paths: ["multimodal", "vision", "/vit"]),
        .init(topic: .lora, phrases: ["lora", "multi-lora", "punica"], paths: ["lora/", "punica"]),
        .init(topic: .structuredOutput,
            phrases: ["structured output*", "guided decoding", "xgrammar", "tool call*", "tool parser", "tool_parser", "reasoning parser",
                "function call*", "json schema", "grammar"],
            paths: ["tool_parsers/", "reasoning/", "structured_output", "guided_decoding"]),
        .init(topic: .parallelism,
            phrases: ["tensor parallel*", "pipeline parallel*", "data parallel*", "context parallel*", "sequence parallel*", "tp", "dp", "pp",
                "pcp", "dcp", "sp", "hccl", "nccl", "allreduce", "all-reduce", "allgather", "all-gather", "communicat*", "distributed",
                "multi-node", "multi node", "ray"],
            paths: ["distributed/", "parallel", "communicat", "device_communicators"]),
        .init(topic: .scheduling,
            phrases: ["schedul*", "chunked prefill", "preempt*", "async scheduling", "batching", "continuous batching"],
            paths: ["sched", "core/sched"]),
        .init(topic: .modelRunner,
            phrases: ["model runner", "model_runner", "modelrunner", "mrv2", "runner v2", "model runner v2", "input batch", "worker*", "executor"],
            paths: ["worker/", "model_runner", "executor/"]),
        .init(topic: .sampling,
            phrases: ["sampl*", "logits", "logprob*", "penalt*", "top-k", "top_k", "top-p", "top_p", "rejection sampler"],
            paths: ["sample/", "sampler", "sampling"]),
        .init(topic: .serving,
            phrases: ["openai", "api server", "api", "endpoint*", "cli", "serve", "serving", "frontend", "tokeniz*", "chat template",
                "entrypoint*", "http", "grpc", "router server"],
            paths: ["entrypoints/", "serve/", "server/", "api/"]),
        .init(topic: .memory,
            phrases: ["memory", "oom", "out of memory", "leak*", "hbm", "mem"],
            paths: ["memory", "allocator"]),
        .init(topic: .release,
            phrases: ["release*", "bump*", "version*", "upgrade*", "main2main", "rc1", "rc2", "rebase", "upstream", "pin", "changelog",
                "dependabot", "requirements", "dependencies", "dependency"],
            paths: ["version", "changelog", "release", "requirements", "pyproject.toml", "setup.py"]),
        .init(topic: .ci,
            phrases: ["ci", "test*", "e2e", "nightly", "workflow*", "docker*", "image*", "ut", "unit test*", "lint*", "pre-commit", "github action*",
                "buildkite", "benchmark*", "accuracy test*", "flaky"],
            paths: [".github/", "tests/", "test/", ".buildkite/", "docker", ".ci/", "ci/"]),
        .init(topic: .docs, phrases: ["doc", "docs", "documentation", "readme", "tutorial*", "guide*", "typo*"], paths: ["docs/", "readme", ".md"]),
    ]

    /// Model families by the start of a word that names them (`qwen3.5` → Qwen).
    static let modelFamilies: [(prefix: String, family: String)] = [
        ("qwen", "Qwen"), ("deepseek", "DeepSeek"), ("llama", "Llama"), ("chatglm", "GLM"), ("glm", "GLM"), ("gemma", "Gemma"),
        ("kimi", "Kimi"), ("minimax", "MiniMax"), ("mixtral", "Mistral"), ("mistral", "Mistral"), ("phi-", "Phi"), ("phi3", "Phi"),
        ("phi4", "Phi"), ("internvl", "InternVL"), ("internlm", "InternLM"), ("pangu", "Pangu"), ("hunyuan", "Hunyuan"), ("ernie", "ERNIE"),
        ("baichuan", "Baichuan"), ("gpt-oss", "gpt-oss"), ("gpt_oss", "gpt-oss"), ("granite", "Granite"), ("mamba", "Mamba"),
        ("whisper", "Whisper"), ("llava", "LLaVA"), ("nemotron", "Nemotron"), ("falcon", "Falcon"), ("olmo", "OLMo"),
        ("longcat", "LongCat"), ("seed-oss", "Seed-OSS"), ("step3", "Step"), ("bailing", "Ling"), ("gemma3", "Gemma"),
        ("command-r", "Command-R"), ("cohere", "Cohere"), ("jamba", "Jamba"), ("minicpm", "MiniCPM"), ("dots", "dots"),
    ]

    /// Hardware other than a repository's mainline, by a word of the title or tags or a path segment.
    static let hardware: [(words: [String], name: String)] = [
        (["310p", "_310p", "300i"], "310P"), (["ascend950", "a5", "950", "910_95", "ascend910_95"], "Ascend950"),
        (["rocm", "amd", "hip", "mi300", "mi300x", "mi325", "mi355", "mi355x", "aiter"], "ROCm"), (["xpu", "intel", "gaudi", "hpu"], "Intel XPU/HPU"),
        (["tpu", "jax", "pallas"], "TPU"), (["arm", "aarch64", "arm64"], "ARM"),
        (["blackwell", "sm100", "sm120", "sm12x", "gb200", "b200", "b300", "gb300"], "Blackwell"), (["hopper", "h100", "h200", "h20", "sm90"], "Hopper"),
        (["musa"], "MUSA"), (["metal", "mps", "macos"], "Apple"), (["cpu"], "CPU"), (["a2", "910b"], "A2"), (["a3", "910c"], "A3"),
    ]
}
