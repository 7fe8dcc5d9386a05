#!/usr/bin/python3
"""Writes a random-weight, Qwen2.5-0.5B-shaped checkpoint as a Hugging Face folder.

    /usr/bin/python3 bench/make_random_qwen2.py OUT_DIR [--seed 1234] [--dtype bf16|f32]

Shape: 24 layers, d_model 896, 14 heads, 2 KV heads (head_dim 64), MLP 4864,
vocab 151936, tied embeddings, q/k/v biases, rope_theta 1e6, rms eps 1e-6.
Weights: linear/embedding ~ N(0, 0.02^2), biases ~ N(0, 0.02^2), norms = 1.
Output: config.json, generation_config.json, model.safetensors (~988 MB in bf16).

The safetensors file is written by hand (no `safetensors` package on this machine):
8-byte little-endian header length, JSON header {name: {dtype, shape, data_offsets}},
padded with spaces to a multiple of 8, then the raw little-endian tensor bytes.
Files are written under temporary names, fsynced and renamed, so an interrupted run
never leaves a half-written model behind.
"""
import argparse
import json
import os
import struct
import sys
import time

import torch

CONFIG = {
    "architectures": ["Qwen2ForCausalLM"],
    "attention_dropout": 0.0,
    "bos_token_id": 151643,
    "eos_token_id": 151645,
    "hidden_act": "silu",
    "hidden_size": 896,
    "initializer_range": 0.02,
    "intermediate_size": 4864,
    "max_position_embeddings": 32768,
    "max_window_layers": 21,
    "model_type": "qwen2",
    "num_attention_heads": 14,
    "num_hidden_layers": 24,
    "num_key_value_heads": 2,
    "rms_norm_eps": 1e-06,
    "rope_scaling": None,
    "rope_theta": 1000000.0,
    "sliding_window": None,
    "tie_word_embeddings": True,
    "torch_dtype": "bfloat16",
    "use_cache": True,
    "use_sliding_window": False,
    "vocab_size": 151936,
}

GENERATION_CONFIG = {"bos_token_id": 151643, "eos_token_id": [151645, 151643], "do_sample": False}


def tensor_specs(cfg):
    """(name, shape, kind) in HF order; kind is 'normal' or 'ones'."""
    d = cfg["hidden_size"]
    hd = d // cfg["num_attention_heads"]
    kv = cfg["num_key_value_heads"] * hd
    ff = cfg["intermediate_size"]
    specs = [("model.embed_tokens.weight", [cfg["vocab_size"], d], "normal")]
    for l in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{l}."
        specs += [
            (p + "input_layernorm.weight", [d], "ones"),
            (p + "self_attn.q_proj.weight", [d, d], "normal"),
            (p + "self_attn.q_proj.bias", [d], "normal"),
            (p + "self_attn.k_proj.weight", [kv, d], "normal"),
            (p + "self_attn.k_proj.bias", [kv], "normal"),
            (p + "self_attn.v_proj.weight", [kv, d], "normal"),
            (p + "self_attn.v_proj.bias", [kv], "normal"),
            (p + "self_attn.o_proj.weight", [d, d], "normal"),
            (p + "post_attention_layernorm.weight", [d], "ones"),
            (p + "mlp.gate_proj.weight", [ff, d], "normal"),
            (p + "mlp.up_proj.weight", [ff, d], "normal"),
            (p + "mlp.down_proj.weight", [d, ff], "normal"),
        ]
    specs.append(("model.norm.weight", [d], "ones"))
    return specs


def write_atomic_text(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def tensor_bytes(t):
    """Raw little-endian bytes of a contiguous CPU tensor (bf16 via an int16 view)."""
    if t.dtype == torch.bfloat16:
        return t.contiguous().view(torch.int16).numpy().tobytes()
    return t.contiguous().numpy().tobytes()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--dtype", choices=["bf16", "f32"], default="bf16")
    args = ap.parse_args()

    dtype = torch.bfloat16 if args.dtype == "bf16" else torch.float32
    st_dtype = "BF16" if args.dtype == "bf16" else "F32"
    elem = 2 if args.dtype == "bf16" else 4
    cfg = dict(CONFIG)
    cfg["torch_dtype"] = "bfloat16" if args.dtype == "bf16" else "float32"

    os.makedirs(args.out_dir, exist_ok=True)
    specs = tensor_specs(cfg)

    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name, shape, _ in specs:
        n = 1
        for s in shape:
            n *= s
        header[name] = {"dtype": st_dtype, "shape": shape, "data_offsets": [offset, offset + n * elem]}
        offset += n * elem
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    header_bytes += b" " * ((8 - len(header_bytes) % 8) % 8)

    gen = torch.Generator().manual_seed(args.seed)
    target = os.path.join(args.out_dir, "model.safetensors")
    tmp = target + ".tmp"
    t0 = time.time()
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)))
        f.write(header_bytes)
        written = 0
        for name, shape, kind in specs:
            if kind == "ones":
                t = torch.ones(shape, dtype=torch.float32)
            else:
                t = torch.randn(shape, generator=gen, dtype=torch.float32) * 0.02
            b = tensor_bytes(t.to(dtype))
            assert len(b) == header[name]["data_offsets"][1] - header[name]["data_offsets"][0], name
            f.write(b)
            written += len(b)
        assert written == offset
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)
    write_atomic_text(os.path.join(args.out_dir, "config.json"), json.dumps(cfg, indent=2) + "\n")
    write_atomic_text(os.path.join(args.out_dir, "generation_config.json"),
                      json.dumps(GENERATION_CONFIG, indent=2) + "\n")
    print(f"wrote {target}: {len(specs)} tensors, {offset / 1e9:.3f} GB of {st_dtype} "
          f"in {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
