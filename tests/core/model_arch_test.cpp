// Llama (llama3 rope scaling, GQA, untied, F16-stored), Mistral and Qwen3 (q/k norm,
// explicit head_dim, tied, BF16-stored) paths, checked against an independent reference:
// a short PyTorch script (HF formulas written out) run by /usr/bin/python3 on small random
// checkpoints that the test writes. Also bf16 compute vs the same script in bf16.
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/io/safetensors.h"
#include "core/model/architecture.h"
#include "core/model/generation.h"
#include "core/model/hook_names.h"
#include "core/model/model_config.h"
#include "core/model/transformer.h"
#include "model_test_util.h"

namespace srs::core {
namespace {

namespace fs = std::filesystem;
using test::closeTo;

const char* kReferenceScript = R"PY(
# HF-style reference forward written out from the Hugging Face modeling formulas.
import json, struct, sys, math
import numpy as np, torch

def load_st(path):
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n)); data = f.read()
    out = {}
    dt = {'F32': np.float32, 'F16': np.float16, 'I64': np.int64}
    for k, v in header.items():
        if k == '__metadata__': continue
        b, e = v['data_offsets']
        if v['dtype'] == 'BF16':
            raw = np.frombuffer(data[b:e], dtype=np.uint16).astype(np.uint32) << 16
            arr = torch.from_numpy(raw.view(np.float32).copy()).to(torch.bfloat16)
        else:
            arr = torch.from_numpy(np.frombuffer(data[b:e], dtype=dt[v['dtype']]).copy())
        out[k] = arr.reshape(v['shape'])
    return out

def save_st(path, tensors):
    header, blobs, off = {}, [], 0
    for k, t in tensors.items():
        b = t.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[k] = {'dtype': 'F32', 'shape': list(t.shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b); off += len(b)
    h = json.dumps(header).encode(); h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h))); f.write(h); [f.write(b) for b in blobs]

def rms(x, w, eps):
    dt = x.dtype; h = x.float()
    h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + eps)
    return w * h.to(dt)

def rot_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), -1)

def inv_freq(cfg, hd):
    base = cfg.get('rope_theta', 10000.0)
    inv = 1.0 / (base ** (torch.arange(0, hd, 2, dtype=torch.int64).float() / hd))
    rs = cfg.get('rope_scaling')
    if rs and rs.get('rope_type', rs.get('type')) == 'llama3':
        factor, lf, hf, old = rs['factor'], rs['low_freq_factor'], rs['high_freq_factor'], rs['original_max_position_embeddings']
        lw, hw = old / lf, old / hf
        wl = 2 * math.pi / inv
        il = torch.where(wl > lw, inv / factor, inv)
        sm = (old / wl - lf) / (hf - lf)
        smoothed = (1 - sm) * il / factor + sm * il
        med = ~(wl < hw) * ~(wl > lw)
        inv = torch.where(med, smoothed, il)
    return inv

def forward(model_dir, ids, dtype):
    cfg = json.load(open(model_dir + '/config.json'))
    W = {k: (v.to(dtype) if v.is_floating_point() else v) for k, v in load_st(model_dir + '/model.safetensors').items()}
    D, H = cfg['hidden_size'], cfg['num_attention_heads']; KV = cfg.get('num_key_value_heads', H)
    hd = cfg.get('head_dim') or D // H; eps = cfg.get('rms_norm_eps', 1e-6); L = cfg['num_hidden_layers']
    T = len(ids); pos = torch.arange(T).float()
    fr = torch.outer(pos, inv_freq(cfg, hd)); emb = torch.cat((fr, fr), -1)
    cos, sin = emb.cos().to(dtype), emb.sin().to(dtype)
    x = W['model.embed_tokens.weight'][torch.tensor(ids)]
    outs = {'embed': x}
    mask = torch.full((T, T), float('-inf')).triu(1)
    for l in range(L):
        p = f'model.layers.{l}.'
        g = lambda n: W.get(p + n)
        h = rms(x, g('input_layernorm.weight'), eps)
        q = torch.nn.functional.linear(h, g('self_attn.q_proj.weight'), g('self_attn.q_proj.bias')).view(T, H, hd).transpose(0, 1)
        k = torch.nn.functional.linear(h, g('self_attn.k_proj.weight'), g('self_attn.k_proj.bias')).view(T, KV, hd).transpose(0, 1)
        v = torch.nn.functional.linear(h, g('self_attn.v_proj.weight'), g('self_attn.v_proj.bias')).view(T, KV, hd).transpose(0, 1)
        if g('self_attn.q_norm.weight') is not None:
            q = rms(q, g('self_attn.q_norm.weight'), eps); k = rms(k, g('self_attn.k_norm.weight'), eps)
        q = q * cos + rot_half(q) * sin; k = k * cos + rot_half(k) * sin
        k = k.repeat_interleave(H // KV, 0); v = v.repeat_interleave(H // KV, 0)
        s = (q @ k.transpose(-1, -2)) * (hd ** -0.5) + mask.to(dtype)
        pr = torch.softmax(s, -1, dtype=torch.float32).to(dtype)
        a = (pr @ v).transpose(0, 1).reshape(T, H * hd)
        x = x + torch.nn.functional.linear(a, g('self_attn.o_proj.weight'))
        h = rms(x, g('post_attention_layernorm.weight'), eps)
        m = torch.nn.functional.silu(torch.nn.functional.linear(h, g('mlp.gate_proj.weight'))) * torch.nn.functional.linear(h, g('mlp.up_proj.weight'))
        x = x + torch.nn.functional.linear(m, g('mlp.down_proj.weight'))
        outs[f'layer{l}'] = x
    n = rms(x, W['model.norm.weight'], eps); outs['final_norm'] = n
    head = W.get('lm_head.weight', W['model.embed_tokens.weight'])
    outs['logits'] = torch.nn.functional.linear(n, head).float()
    return outs

if __name__ == '__main__':
    model_dir, ids, dtype, out = sys.argv[1], [int(t) for t in sys.argv[2].split(',')], sys.argv[3], sys.argv[4]
    with torch.no_grad():
        o = forward(model_dir, ids, torch.bfloat16 if dtype == 'bfloat16' else torch.float32)
    save_st(out, o)
)PY";

fs::path workDir() {
    static fs::path dir = [] {
        auto d = fs::temp_directory_path() / ("srs_model_arch_" + std::to_string(::getpid()));
        fs::create_directories(d);
        std::ofstream(d / "ref.py") << kReferenceScript;
        return d;
    }();
    return dir;
}

/// Writes config.json + model.safetensors with random weights stored as `stored`.
fs::path writeRandomModel(const std::string& name, const std::string& configJson, DType stored,
                          std::uint64_t seed) {
    auto dir = workDir() / name;
    fs::create_directories(dir);
    std::ofstream(dir / "config.json") << configJson;
    auto cfg = ModelConfig::fromJsonText(configJson, name);
    at::manual_seed(seed);
    std::vector<at::Tensor> keep;
    std::vector<TensorToWrite> tensors;
    const auto st = stored == DType::F16 ? at::kHalf : stored == DType::BF16 ? at::kBFloat16 : at::kFloat;
    for (const auto& e : expectedTensors(cfg)) {
        at::Tensor t;
        bool norm = e.name.find("norm") != std::string::npos;
        if (norm)
            t = 1.0 + 0.1 * at::randn(e.shape);
        else if (e.name.find("bias") != std::string::npos)
            t = 0.1 * at::randn(e.shape);
        else
            t = at::randn(e.shape) / std::sqrt(static_cast<double>(e.shape.back()));
        keep.push_back(t.to(st).contiguous());
        tensors.push_back({e.name, stored, e.shape, keep.back().data_ptr()});
    }
    writeSafetensors(dir / "model.safetensors", tensors, {{"format", "pt"}}, /*overwrite=*/true);
    return dir;
}

std::map<std::string, at::Tensor> runReference(const fs::path& dir, const std::vector<std::int64_t>& ids,
                                               const std::string& dtype) {
    std::string list;
    for (auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
    // Written to the test work folder, never next to the checkpoint (the fixture is read-only).
    auto out = workDir() / (dir.filename().string() + "_ref_" + dtype + ".safetensors");
    std::string cmd = std::string(SRS_PYTHON) + " " + (workDir() / "ref.py").string() + " " +
                      dir.string() + " " + list + " " + dtype + " " + out.string();
    int rc = std::system(cmd.c_str());
    EXPECT_EQ(rc, 0) << cmd;
    std::map<std::string, at::Tensor> result;
    if (rc != 0) return result;
    auto file = SafetensorsFile::open(out);
    for (const auto& info : file->tensors())
        result[info.name] = at::from_blob(const_cast<void*>(file->tensorData(info)), info.shape,
                                          at::kFloat)
                                .clone();
    return result;
}

struct ArchCase {
    const char* name;
    const char* config;
    DType stored;
};

const ArchCase kCases[] = {
    {"llama3", R"({"architectures":["LlamaForCausalLM"],"model_type":"llama","vocab_size":128,
      "hidden_size":64,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,
      "intermediate_size":96,"rms_norm_eps":1e-5,"rope_theta":500000.0,
      "rope_scaling":{"rope_type":"llama3","factor":8.0,"low_freq_factor":1.0,"high_freq_factor":4.0,
      "original_max_position_embeddings":16},"tie_word_embeddings":false,"attention_bias":false,
      "hidden_act":"silu","max_position_embeddings":512,"bos_token_id":1,"eos_token_id":2})",
     DType::F16},
    {"mistral", R"({"architectures":["MistralForCausalLM"],"model_type":"mistral","vocab_size":100,
      "hidden_size":32,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":1,
      "intermediate_size":64,"rms_norm_eps":1e-5,"rope_theta":10000.0,"tie_word_embeddings":false,
      "hidden_act":"silu","max_position_embeddings":512,"sliding_window":null,"eos_token_id":2})",
     DType::F32},
    {"qwen3", R"({"architectures":["Qwen3ForCausalLM"],"model_type":"qwen3","vocab_size":96,
      "hidden_size":48,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,
      "head_dim":16,"intermediate_size":64,"rms_norm_eps":1e-6,"rope_theta":1000000.0,
      "tie_word_embeddings":true,"attention_bias":false,"hidden_act":"silu",
      "max_position_embeddings":512,"eos_token_id":[2,3]})",
     DType::BF16},
};

class ArchParity : public ::testing::TestWithParam<int> {};

TEST_P(ArchParity, Float32MatchesPythonReference) {
    const auto& c = kCases[GetParam()];
    auto dir = writeRandomModel(c.name, c.config, c.stored, 1234 + GetParam());
    auto ckpt = Checkpoint::open(dir);
    // 40 tokens: past the llama3 original context (16) so every frequency band matters.
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 40; ++i) ids.push_back((i * 37 + 11) % ckpt->config().vocabSize);
    auto ref = runReference(dir, ids, "float32");
    ASSERT_FALSE(ref.empty());
    Transformer model(ckpt, {});
    ForwardRequest req;
    const int L = ckpt->config().numLayers;
    req.capture = {hooks::embed(), hooks::lnFinal()};
    for (int l = 0; l < L; ++l) req.capture.push_back(hooks::residPost(l));
    auto out = model.forward(test::idsTensor(ids), req);
    EXPECT_TRUE(closeTo(out.captured.at(hooks::embed())[0], ref.at("embed"), 1e-5, 1e-6));
    for (int l = 0; l < L; ++l)
        EXPECT_TRUE(closeTo(out.captured.at(hooks::residPost(l))[0], ref.at("layer" + std::to_string(l)),
                            1e-4, 1e-5))
            << "layer " << l;
    EXPECT_TRUE(closeTo(out.captured.at(hooks::lnFinal())[0], ref.at("final_norm"), 1e-4, 1e-5));
    EXPECT_TRUE(closeTo(out.logits[0], ref.at("logits"), 1e-3, 1e-5));
}

TEST_P(ArchParity, Bfloat16TracksPythonBfloat16Reference) {
    const auto& c = kCases[GetParam()];
    auto dir = writeRandomModel(std::string(c.name) + "_b", c.config, c.stored, 99 + GetParam());
    auto ckpt = Checkpoint::open(dir);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 24; ++i) ids.push_back((i * 13 + 5) % ckpt->config().vocabSize);
    auto ref = runReference(dir, ids, "bfloat16");
    auto ref32 = runReference(dir, ids, "float32");
    ASSERT_FALSE(ref.empty());
    RuntimeOptions opts;
    opts.dtype = ComputeDtype::BFloat16;
    Transformer model(ckpt, opts);
    auto logits = model.forward(test::idsTensor(ids)).logits[0];
    // Same formulas in the same dtype: the difference is GEMM accumulation order only,
    // far below the bf16-vs-f32 gap.
    double vsBf16 = (logits - ref.at("logits")).abs().max().item<double>();
    double bf16Gap = (ref.at("logits") - ref32.at("logits")).abs().max().item<double>();
    std::cerr << "[" << c.name << "] bf16: |ours - py bf16| " << vsBf16 << ", |py bf16 - py f32| "
              << bf16Gap << "\n";
    EXPECT_TRUE(closeTo(logits, ref.at("logits"), 0.0, 0.03));
    EXPECT_TRUE(closeTo(logits, ref32.at("logits"), 0.0, 0.08));
}

TEST_P(ArchParity, CachedGreedyEqualsFullRecompute) {
    const auto& c = kCases[GetParam()];
    auto dir = writeRandomModel(std::string(c.name) + "_g", c.config, c.stored, 7 + GetParam());
    Transformer model(Checkpoint::open(dir), {});
    std::vector<int> prompt{5, 9, 17, 33, 4};
    SamplingOptions opts;
    opts.maxNewTokens = 10;
    opts.stopIds = {-1};
    auto res = generate(model, {prompt}, opts);
    // Independent path: full forward over the growing sequence, argmax of the last row.
    std::vector<std::int64_t> seq(prompt.begin(), prompt.end());
    std::vector<int> expected;
    for (int s = 0; s < 10; ++s) {
        auto logits = model.forward(test::idsTensor(seq)).logits;
        auto next = logits[0][-1].argmax().item<std::int64_t>();
        expected.push_back(static_cast<int>(next));
        seq.push_back(next);
    }
    EXPECT_EQ(res[0].ids, expected);
}

INSTANTIATE_TEST_SUITE_P(Archs, ArchParity, ::testing::Values(0, 1, 2),
                         [](const auto& info) { return std::string(kCases[info.param].name); });

TEST(ArchParityTiny, Bfloat16TracksPythonBfloat16OnFixture) {
    auto ids = std::vector<std::int64_t>{170, 224, 473, 226, 326, 65, 32, 9, 100, 200, 300, 400};
    auto ref = runReference(test::tinyDir(), ids, "bfloat16");
    ASSERT_FALSE(ref.empty());
    RuntimeOptions opts;
    opts.dtype = ComputeDtype::BFloat16;
    Transformer model(test::tinyCheckpoint(), opts);
    auto logits = model.forward(test::idsTensor(ids)).logits[0];
    double d = (logits - ref.at("logits")).abs().max().item<double>();
    std::cerr << "[tiny-qwen2] bf16: |ours - py bf16| " << d << "\n";
    EXPECT_TRUE(closeTo(logits, ref.at("logits"), 0.0, 0.03));
}

}  // namespace
}  // namespace srs::core
