import PRHubModel

/// Built-in profiles for the projects PRHub's first users follow, chosen by repository name.
public enum ProfilePresets {
    public static func preset(for repository: String) -> RepositoryProfile? {
        switch repository.lowercased() {
        case "vllm-project/vllm": vllm
        case "sgl-project/sglang": sglang
        case "vllm-project/vllm-ascend": vllmAscend
        default: nil
        }
    }

    static func patterns(_ items: String...) -> [PathPattern] { items.map(PathPattern.init) }
    static func module(_ name: String, _ paths: String...) -> RepositoryProfile.Module {
        .init(name: name, paths: paths.map(PathPattern.init))
    }

    static let vllm = RepositoryProfile(
        origin: "preset",
        corePaths: patterns(
            "vllm/v1/engine/", "vllm/v1/core/", "vllm/v1/worker/", "vllm/v1/executor/", "vllm/v1/attention/",
            "vllm/v1/sample/", "vllm/engine/", "vllm/attention/", "vllm/model_executor/layers/", "vllm/distributed/",
            "vllm/config/", "vllm/platforms/", "vllm/compilation/", "vllm/envs.py", "csrc/"),
        modules: [
            module("spec-decode", "vllm/v1/spec_decode/"), module("kv-connector", "vllm/distributed/kv_transfer/"),
            module("quantization", "vllm/model_executor/layers/quantization/"), module("moe", "vllm/model_executor/layers/fused_moe/"),
            module("models", "vllm/model_executor/models/"), module("layers", "vllm/model_executor/layers/"),
            module("engine", "vllm/v1/engine/", "vllm/engine/"), module("scheduler", "vllm/v1/core/"),
            module("worker", "vllm/v1/worker/"), module("attention", "vllm/v1/attention/", "vllm/attention/"),
            module("executor", "vllm/v1/executor/"), module("sampling", "vllm/v1/sample/"),
            module("distributed", "vllm/distributed/"), module("entrypoints", "vllm/entrypoints/"),
            module("compilation", "vllm/compilation/"), module("multimodal", "vllm/multimodal/"),
            module("platforms", "vllm/platforms/"), module("config", "vllm/config/"), module("kernels", "csrc/"),
            module("tests", "tests/"), module("docs", "docs/"), module("ci", ".buildkite/", ".github/"),
        ],
        envVarPatterns: ["^VLLM_"], envRegistries: patterns("vllm/envs.py"),
        dependencyManifests: patterns("requirements/", "pyproject.toml", "setup.py", "docker/Dockerfile*", "Dockerfile*"))

    static let sglang = RepositoryProfile(
        origin: "preset",
        corePaths: patterns(
            "python/sglang/srt/managers/", "python/sglang/srt/model_executor/", "python/sglang/srt/layers/attention/",
            "python/sglang/srt/mem_cache/", "python/sglang/srt/server_args.py", "python/sglang/srt/disaggregation/",
            "python/sglang/srt/distributed/", "python/sglang/srt/speculative/", "sgl-kernel/csrc/"),
        modules: [
            module("scheduler", "python/sglang/srt/managers/"), module("model-executor", "python/sglang/srt/model_executor/"),
            module("attention", "python/sglang/srt/layers/attention/"), module("quantization", "python/sglang/srt/layers/quantization/"),
            module("moe", "python/sglang/srt/layers/moe/"), module("layers", "python/sglang/srt/layers/"),
            module("models", "python/sglang/srt/models/"), module("mem-cache", "python/sglang/srt/mem_cache/"),
            module("disaggregation", "python/sglang/srt/disaggregation/"), module("speculative", "python/sglang/srt/speculative/"),
            module("entrypoints", "python/sglang/srt/entrypoints/"), module("server-args", "python/sglang/srt/server_args.py"),
            module("diffusion", "python/sglang/multimodal_gen/"), module("jit-kernel", "python/sglang/jit_kernel/"),
            module("sgl-kernel", "sgl-kernel/"), module("router", "sgl-router/", "sgl-model-gateway/"),
            module("tests", "test/", "python/sglang/test/"), module("docs", "docs/"), module("ci", ".github/", "scripts/ci/"),
        ],
        envVarPatterns: ["^SGL_", "^SGLANG_"], envRegistries: patterns("python/sglang/srt/environ.py", "python/sglang/srt/utils/common.py"),
        dependencyManifests: patterns("python/pyproject*.toml", "pyproject.toml", "sgl-kernel/pyproject*.toml", "docker/*Dockerfile*", "Dockerfile*", "requirements*.txt"))

    static let vllmAscend = RepositoryProfile(
        origin: "preset",
        corePaths: patterns(
            // The v1 runner and worker (model runner v2 under worker/v2/ is not yet the default path), the
            // 310P runner and worker, the fused-MoE kernels and the kernel bindings; model patches are not core.
            "vllm_ascend/worker/*.py", "vllm_ascend/_310p/*runner*.py", "vllm_ascend/_310p/*worker*.py",
            "vllm_ascend/attention/", "vllm_ascend/core/", "vllm_ascend/distributed/",
            "vllm_ascend/sample/", "vllm_ascend/compilation/", "vllm_ascend/ops/fused_moe/", "vllm_ascend/spec_decode/",
            "vllm_ascend/platform.py", "vllm_ascend/ascend_config.py", "vllm_ascend/ascend_forward_context.py",
            "vllm_ascend/utils.py", "vllm_ascend/envs.py", "csrc/dispatch_*/", "csrc/moe_*/", "csrc/torch_binding*.cpp"),
        modules: [
            module("310p", "vllm_ascend/_310p/"), module("attention", "vllm_ascend/attention/"),
            module("worker", "vllm_ascend/worker/"), module("ops", "vllm_ascend/ops/"), module("patch", "vllm_ascend/patch/"),
            module("quantization", "vllm_ascend/quantization/"), module("distributed", "vllm_ascend/distributed/"),
            module("kv-offload", "vllm_ascend/kv_offload/"), module("spec-decode", "vllm_ascend/spec_decode/"),
            module("eplb", "vllm_ascend/eplb/"), module("compilation", "vllm_ascend/compilation/"),
            module("models", "vllm_ascend/models/", "vllm_ascend/model_loader/", "vllm_ascend/model_executor/"),
            module("torchair", "vllm_ascend/torchair/"), module("xlite", "vllm_ascend/xlite/"), module("lora", "vllm_ascend/lora/"),
            module("core", "vllm_ascend/core/", "vllm_ascend/platform.py", "vllm_ascend/ascend_config.py",
                "vllm_ascend/ascend_forward_context.py", "vllm_ascend/utils.py", "vllm_ascend/envs.py"),
            module("kernels", "csrc/", "vllm_ascend/_cann_ops_custom/"), module("e2e-tests", "tests/e2e/"),
            module("unit-tests", "tests/ut/"), module("docs", "docs/"), module("ci", ".github/"),
        ],
        platforms: ProfileDefaults.platforms.map {
            $0.name == "310P" ? .init(name: "310P", keywords: ["310p"], paths: patterns("vllm_ascend/_310p/", "*310p*")) : $0
        },
        homePlatforms: ["NPU"],
        envVarPatterns: ["^VLLM_", "^ASCEND_", "^HCCL_", "^TASK_QUEUE_", "^PYTORCH_NPU_"], envRegistries: patterns("vllm_ascend/envs.py"),
        dependencyManifests: patterns("requirements*.txt", "pyproject.toml", "setup.py", "Dockerfile*", "packages.txt"),
        bots: ["vllm-ascend-ci", "iKeybot"])
}
