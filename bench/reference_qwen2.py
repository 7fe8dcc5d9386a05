#!/usr/bin/python3
"""Idiomatic PyTorch reference for a Qwen2 decoder, written the way a researcher would:
HF-style eager attention (repeat_kv, matmul, f32 softmax, additive causal mask), RMSNorm,
rotary embeddings, SwiGLU MLP, tied LM head, KV cache grown with torch.cat, all under
torch.inference_mode(). Weights come from a hand-parsed model.safetensors.

    # benchmark (one JSON line per repetition on stdout, logs on stderr)
    /usr/bin/python3 bench/reference_qwen2.py bench MODEL_DIR --dtype bf16 --threads 2 \
        --prefill-tokens 512 --decode-tokens 32 --reps 3
    # correctness check of this reference against the independent fixture references
    /usr/bin/python3 bench/reference_qwen2.py check tests/fixtures/tiny-qwen2-f32

Decode rate is measured exactly like bench_runtime.cpp does it: the time of a greedy
generation of N new tokens minus the time of one with 1 new token (same prompt), over
N - 1 single-token steps, so that the prompt prefill cancels out.
"""
import argparse
import json
import math
import os
import resource
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

_ST_DTYPES = {"F32": (torch.float32, 4), "BF16": (torch.bfloat16, 2), "F16": (torch.float16, 2),
              "I64": (torch.int64, 8), "I32": (torch.int32, 4)}


def load_safetensors(path, dtype):
    """Returns {name: tensor in `dtype`} from one .safetensors file (copies out of the file)."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = bytearray(f.read())
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        st_dtype, _ = _ST_DTYPES[meta["dtype"]]
        begin, end = meta["data_offsets"]
        raw = torch.frombuffer(data, dtype=torch.uint8, count=end - begin, offset=begin)
        t = raw.view(st_dtype).reshape(meta["shape"])
        out[name] = t.to(dtype).clone()
    return out


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        dtype = x.dtype
        x = x.float()
        var = x.pow(2).mean(-1, keepdim=True)
        x = x * torch.rsqrt(var + self.eps)
        return self.weight * x.to(dtype)


class Rotary(nn.Module):
    def __init__(self, head_dim, theta):
        super().__init__()
        inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, positions, dtype):
        freqs = torch.outer(positions.float(), self.inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        return emb.cos().to(dtype), emb.sin().to(dtype)


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def apply_rotary(q, k, cos, sin):
    cos, sin = cos[None, None], sin[None, None]
    return q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin


def repeat_kv(x, n_rep):
    b, h, t, d = x.shape
    if n_rep == 1:
        return x
    return x[:, :, None, :, :].expand(b, h, n_rep, t, d).reshape(b, h * n_rep, t, d)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d = cfg["hidden_size"]
        self.n_heads = cfg["num_attention_heads"]
        self.n_kv = cfg["num_key_value_heads"]
        self.head_dim = cfg.get("head_dim") or d // self.n_heads
        self.q_proj = nn.Linear(d, self.n_heads * self.head_dim, bias=True)
        self.k_proj = nn.Linear(d, self.n_kv * self.head_dim, bias=True)
        self.v_proj = nn.Linear(d, self.n_kv * self.head_dim, bias=True)
        self.o_proj = nn.Linear(self.n_heads * self.head_dim, d, bias=False)

    def forward(self, x, cos, sin, mask, cache):
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, self.n_heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, t, self.n_kv, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, t, self.n_kv, self.head_dim).transpose(1, 2)
        q, k = apply_rotary(q, k, cos, sin)
        if cache is not None:
            if cache[0] is not None:
                k = torch.cat([cache[0], k], dim=2)
                v = torch.cat([cache[1], v], dim=2)
            cache[0], cache[1] = k, v
        k = repeat_kv(k, self.n_heads // self.n_kv)
        v = repeat_kv(v, self.n_heads // self.n_kv)
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dim)
        if mask is not None:
            scores = scores + mask
        probs = F.softmax(scores, dim=-1, dtype=torch.float32).to(q.dtype)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, -1)
        return self.o_proj(out)


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d, ff = cfg["hidden_size"], cfg["intermediate_size"]
        self.gate_proj = nn.Linear(d, ff, bias=False)
        self.up_proj = nn.Linear(d, ff, bias=False)
        self.down_proj = nn.Linear(ff, d, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.input_layernorm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])
        self.self_attn = Attention(cfg)
        self.post_attention_layernorm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])
        self.mlp = MLP(cfg)

    def forward(self, x, cos, sin, mask, cache):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, mask, cache)
        return x + self.mlp(self.post_attention_layernorm(x))


class Qwen2Model(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.embed_tokens = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        self.layers = nn.ModuleList([DecoderLayer(cfg) for _ in range(cfg["num_hidden_layers"])])
        self.norm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])
        head_dim = cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]
        self.rotary = Rotary(head_dim, cfg["rope_theta"])
        self.lm_head = None if cfg["tie_word_embeddings"] else nn.Linear(cfg["hidden_size"], cfg["vocab_size"], bias=False)

    def forward(self, ids, caches=None, past_len=0):
        """ids [B, T] int64 -> logits [B, T, vocab]; `caches` (list of [k, v]) is updated in place."""
        b, t = ids.shape
        x = self.embed_tokens(ids)
        positions = torch.arange(past_len, past_len + t)
        cos, sin = self.rotary(positions, x.dtype)
        mask = None
        if t > 1:
            mask = torch.full((t, past_len + t), float("-inf"), dtype=x.dtype)
            mask = torch.triu(mask, diagonal=past_len + 1)[None, None]
        for i, layer in enumerate(self.layers):
            x = layer(x, cos, sin, mask, None if caches is None else caches[i])
        x = self.norm(x)
        w = self.embed_tokens.weight if self.lm_head is None else self.lm_head.weight
        return F.linear(x, w)


def load_model(model_dir, dtype):
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    # Skip the random init that load_state_dict overwrites anyway (as HF's no_init_weights).
    saved = nn.Linear.reset_parameters, nn.Embedding.reset_parameters
    nn.Linear.reset_parameters = nn.Embedding.reset_parameters = lambda self: None
    try:
        model = Qwen2Model(cfg)
    finally:
        nn.Linear.reset_parameters, nn.Embedding.reset_parameters = saved
    state = load_safetensors(os.path.join(model_dir, "model.safetensors"), dtype)
    state = {k[len("model."):] if k.startswith("model.") else k: v for k, v in state.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.startswith("rotary.")]
    if missing or unexpected:
        raise SystemExit(f"{model_dir}: missing {missing}, unexpected {unexpected}")
    model.to(dtype)
    model.rotary.inv_freq = model.rotary.inv_freq.float()
    model.eval()
    return model


@torch.inference_mode()
def generate(model, prompt, max_new_tokens):
    """Greedy decoding with a KV cache; never stops early. Returns the new ids."""
    caches = [[None, None] for _ in model.layers]
    ids = torch.tensor([prompt], dtype=torch.long)
    logits = model(ids, caches, 0)
    past = ids.shape[1]
    out = []
    nxt = int(logits[0, -1].argmax())
    out.append(nxt)
    while len(out) < max_new_tokens:
        logits = model(torch.tensor([[nxt]], dtype=torch.long), caches, past)
        past += 1
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
    return out


def cmd_bench(args):
    torch.set_num_threads(args.threads)
    dtype = {"f32": torch.float32, "bf16": torch.bfloat16}[args.dtype]
    t0 = time.perf_counter()
    model = load_model(args.model_dir, dtype)
    load_s = time.perf_counter() - t0
    vocab = model.cfg["vocab_size"]
    g = torch.Generator().manual_seed(7)
    prefill_ids = torch.randint(0, vocab, (1, args.prefill_tokens), generator=g)
    prompt = torch.randint(0, vocab, (args.prompt_tokens,), generator=g).tolist()
    print(f"[reference {args.dtype}] loaded in {load_s:.1f} s, threads {torch.get_num_threads()}",
          file=sys.stderr)

    with torch.inference_mode():
        model(prefill_ids[:, :16])  # warm-up (allocator, BLAS threads)
        generate(model, prompt, 2)
    for rep in range(args.reps):
        load1 = os.getloadavg()[0]
        c0 = time.process_time()
        with torch.inference_mode():
            t0 = time.perf_counter()
            logits = model(prefill_ids)
            prefill_s = time.perf_counter() - t0
        prefill_cpu_s = time.process_time() - c0
        assert logits.shape == (1, args.prefill_tokens, vocab)
        t0 = time.perf_counter()
        generate(model, prompt, 1)
        one_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        new_ids = generate(model, prompt, args.decode_tokens)
        many_s = time.perf_counter() - t0
        steps = args.decode_tokens - 1
        rec = {
            "impl": "reference", "dtype": args.dtype, "rep": rep, "threads": torch.get_num_threads(),
            "prefill_tokens": args.prefill_tokens, "prefill_s": prefill_s,
            "prefill_tok_s": args.prefill_tokens / prefill_s,
            "prompt_tokens": args.prompt_tokens, "decode_tokens": args.decode_tokens,
            "decode_steps_s": many_s - one_s, "decode_tok_s": steps / (many_s - one_s),
            "prefill_cpu_util": prefill_cpu_s / prefill_s, "loadavg_1m": load1,
            "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "first_ids": new_ids[:8],
        }
        print(json.dumps(rec), flush=True)
        print(f"[reference {args.dtype}] rep {rep}: prefill {rec['prefill_tok_s']:.1f} tok/s, "
              f"decode {rec['decode_tok_s']:.2f} tok/s", file=sys.stderr)


def cmd_check(args):
    """Compares this reference with the fixture's independent references (f32)."""
    ref_dir = os.path.join(args.fixture_dir, "refs")
    with open(os.path.join(ref_dir, "refs.json")) as f:
        meta = json.load(f)
    refs = load_safetensors(os.path.join(ref_dir, "refs.safetensors"), torch.float32)
    model = load_model(args.fixture_dir, torch.float32)
    worst = 0.0
    ok = True
    for name, seq in meta["sequences"].items():
        ids = seq["input_ids"]
        with torch.inference_mode():
            logits = model(torch.tensor([ids]))[0]
        ref = refs[f"{name}.logits"]
        diff = float((logits - ref).abs().max())
        tol = 1e-3 + 1e-5 * float(ref.abs().max())
        greedy = generate(model, ids, len(seq["greedy_continuation"]))
        same = greedy == seq["greedy_continuation"]
        print(f"{name}: max|logits diff| {diff:.2e} (tol {tol:.2e}); greedy with KV cache "
              f"{'matches' if same else 'DIFFERS'}")
        worst = max(worst, diff)
        ok = ok and diff <= tol and same
    print("reference check:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bench")
    b.add_argument("model_dir")
    b.add_argument("--dtype", choices=["f32", "bf16"], default="bf16")
    b.add_argument("--threads", type=int, default=os.cpu_count())
    b.add_argument("--prefill-tokens", type=int, default=512)
    b.add_argument("--prompt-tokens", type=int, default=16)
    b.add_argument("--decode-tokens", type=int, default=32)
    b.add_argument("--reps", type=int, default=3)
    c = sub.add_parser("check")
    c.add_argument("fixture_dir")
    args = ap.parse_args()
    if args.cmd == "bench":
        cmd_bench(args)
        return 0
    return cmd_check(args)


if __name__ == "__main__":
    sys.exit(main())
