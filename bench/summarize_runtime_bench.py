#!/usr/bin/python3
"""Turns the JSON output of bench_machine_limits, bench_runtime and reference_qwen2.py into
the Markdown table of docs/PERFORMANCE.md (medians over repetitions, ratios, targets).

    /usr/bin/python3 bench/summarize_runtime_bench.py --limits limits.json \
        --results results.jsonl --command "bench/run_runtime_bench.sh" [--doc docs/PERFORMANCE.md]

Without --doc the table goes to stdout. With --doc the text between the markers
<!-- bench:begin --> and <!-- bench:end --> is replaced (the rest of the document, the
hand-written analysis, is kept); the file is written to a temporary name, fsynced and
renamed.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

TARGETS = {"prefill": 0.50, "decode": 0.70, "rss": 1.20}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def blas_package():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Version} ${Status}\\n",
                              "libopenblas0-openmp"], capture_output=True, text=True, check=False)
        line = out.stdout.strip()
        return line if "installed" in line else "libopenblas0-openmp NOT installed"
    except OSError:
        return "unknown"


def load_results(path):
    rows = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: not a JSON object ({e})")
    return rows


def med(rows, impl, dtype, key):
    vals = [r[key] for r in rows if r["impl"] == impl and r["dtype"] == dtype and key in r]
    if not vals:
        return None, []
    return statistics.median(vals), vals


def fmt(v, digits=1):
    return "n/a" if v is None else f"{v:.{digits}f}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def build_table(limits, rows, command, reps_note):
    lines = []
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    threads = limits.get("threads")
    lines.append(f"Measured {now} on `{platform.node()}`: {cpu_model()}, {os.cpu_count()} logical CPUs, "
                 f"{threads} threads for every implementation; {blas_package()}.")
    lines.append("")
    lines.append(f"Command: `{command}`")
    lines.append("")
    loads = [r.get("loadavg_1m") for r in rows if r.get("loadavg_1m") is not None]
    if loads:
        lines.append(f"1-minute load average when the runs started: {min(loads):.2f} .. {max(loads):.2f} "
                     f"(> {threads} means other processes competed for the cores; "
                     f"see 'Reading the numbers').")
        lines.append("")
    lines.append(reps_note)
    lines.append("")

    # Floors from the machine limits.
    floors = {}
    for dt in ("f32", "bf16"):
        floors[("prefill", dt)] = limits[dt]["prefill_floor_tok_s"]
        floors[("decode", dt)] = limits["stream"][f"decode_floor_tok_s_{dt}"]

    lines.append("| metric | ours | reference (PyTorch eager) | floor | ours/ref | ours/floor | ref/floor |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    verdicts = []
    for kind, key, label in (("prefill", "prefill_tok_s", "prefill 512 tok, tok/s"),
                             ("decode", "decode_tok_s", "greedy decode, tok/s")):
        for dt in ("f32", "bf16"):
            ours, ours_all = med(rows, "ours", dt, key)
            ref, ref_all = med(rows, "reference", dt, key)
            floor = floors[(kind, dt)]
            lines.append(f"| {label} ({dt}) | {fmt(ours, 2)} | {fmt(ref, 2)} | {fmt(floor, 2)} | "
                         f"{fmt(ratio(ours, ref), 2)} | {fmt(ratio(ours, floor), 2)} | {fmt(ratio(ref, floor), 2)} |")
            if dt == "bf16":
                r = ratio(ours, floor)
                verdicts.append((f"bf16 {kind} >= {TARGETS[kind]:.0%} of its floor",
                                 r is not None and r >= TARGETS[kind], f"{fmt(None if r is None else 100 * r, 0)}%"))
    ours_last, _ = med(rows, "ours", "bf16", "prefill_last_tok_s")
    lines.append(f"| prefill 512 tok, last-position logits only (bf16) | {fmt(ours_last, 2)} | — | "
                 f"{fmt(floors[('prefill', 'bf16')], 2)} | — | {fmt(ratio(ours_last, floors[('prefill', 'bf16')]), 2)} | — |")
    # Decode against the stream measured in the same process right after it (bench_runtime
    # reads the mapped weights once more): the VM's memory bandwidth swings between runs, so
    # a floor measured minutes earlier can flatter or wrong the decode. Per-repetition ratio,
    # median.
    same = []
    for r in rows:
        if r["impl"] == "ours" and r["dtype"] == "bf16" and r.get("stream_gbs_after_decode"):
            floor_now = r["stream_gbs_after_decode"] * 1e9 / r["weight_bytes"]
            same.append((r["decode_tok_s"] / floor_now, floor_now, r["stream_gbs_after_decode"]))
    if same:
        same.sort()
        mid = same[len(same) // 2]
        lines.append(f"| greedy decode (bf16) vs the stream read right after it, same process | "
                     f"{fmt(med(rows, 'ours', 'bf16', 'decode_tok_s')[0], 2)} | — | {fmt(mid[1], 2)} "
                     f"({mid[2]:.1f} GB/s) | — | {fmt(mid[0], 2)} (per run: "
                     f"{', '.join(fmt(x[0], 2) for x in same)}) | — |")
        verdicts.append((f"bf16 decode >= {TARGETS['decode']:.0%} of the stream measured with it",
                         mid[0] >= TARGETS["decode"], f"{fmt(100 * mid[0], 0)}%"))
    wbytes, _ = med(rows, "ours", "bf16", "weight_bytes")
    rss_dec, _ = med(rows, "ours", "bf16", "peak_rss_decode_bytes")
    rss_all, _ = med(rows, "ours", "bf16", "peak_rss_bytes")
    ref_rss, _ = med(rows, "reference", "bf16", "peak_rss_bytes")
    if wbytes:
        lines.append(f"| peak RSS after load + decode (bf16), MB | {fmt(rss_dec and rss_dec / 1e6, 0)} | "
                     f"{fmt(ref_rss and ref_rss / 1e6, 0)} | weights {wbytes / 1e6:.0f} | "
                     f"{fmt(ratio(rss_dec, ref_rss), 2)} | {fmt(ratio(rss_dec, wbytes), 2)} x weights | "
                     f"{fmt(ratio(ref_rss, wbytes), 2)} x weights |")
        lines.append(f"| peak RSS incl. 512-token prefill with [512,V] f32 logits (bf16), MB | "
                     f"{fmt(rss_all and rss_all / 1e6, 0)} | — | weights {wbytes / 1e6:.0f} | — | "
                     f"{fmt(ratio(rss_all, wbytes), 2)} x weights | — |")
        r = ratio(rss_dec, wbytes)
        verdicts.append((f"bf16 peak RSS (load + decode) <= {TARGETS['rss']}x weights",
                         r is not None and r <= TARGETS["rss"], f"{fmt(r, 2)}x"))
    lines.append("")
    lines.append("Targets: " + "; ".join(
        f"{name}: **{'not measured' if val.startswith('n/a') else ('met' if ok else 'missed')}** ({val})"
        for name, ok, val in verdicts) + ".")
    lines.append("")

    # Spread of the repetitions.
    lines.append("<details><summary>Every repetition</summary>")
    lines.append("")
    lines.append("| impl | dtype | prefill tok/s | decode tok/s | load avg |")
    lines.append("|---|---|---|---|---|")
    for impl in ("ours", "reference"):
        for dt in ("f32", "bf16"):
            sel = [r for r in rows if r["impl"] == impl and r["dtype"] == dt]
            lines.append(f"| {impl} | {dt} | {', '.join(fmt(r['prefill_tok_s'], 1) for r in sel)} | "
                         f"{', '.join(fmt(r['decode_tok_s'], 2) for r in sel)} | "
                         f"{', '.join(fmt(r.get('loadavg_1m'), 2) for r in sel)} |")
    lines.append("")
    lines.append("</details>")
    lines.append("")

    # Machine limits.
    lines.append("Machine limits (bench_machine_limits, libtorch `at::linear`):")
    lines.append("")
    lines.append("| shape (K -> N) | per forward | f32 GEMM TFLOP/s | bf16 GEMM TFLOP/s | f32 GEMV GB/s | bf16 GEMV GB/s |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for s32, s16 in zip(limits["f32"]["shapes"], limits["bf16"]["shapes"]):
        lines.append(f"| {s32['shape']} ({s32['K']} -> {s32['N']}) | {s32['count']} | {s32['tflops']:.3f} | "
                     f"{s16['tflops']:.3f} | {s32['gemv_gbs']:.1f} | {s16['gemv_gbs']:.1f} |")
    lines.append(f"| **all, weighted by time** | | **{limits['f32']['gemm_tflops']:.3f}** | "
                 f"**{limits['bf16']['gemm_tflops']:.3f}** | {limits['f32']['gemv_gbs']:.1f} | "
                 f"{limits['bf16']['gemv_gbs']:.1f} |")
    lines.append("")
    st = limits["stream"]
    lines.append(f"- Prefill floor = {limits['prefill_flops'] / 1e9:.0f} GFLOP (linear layers incl. LM head on all "
                 f"{limits['tokens']} positions + causal attention) at the measured per-shape GEMM speed: "
                 f"f32 {limits['f32']['prefill_floor_s']:.2f} s, bf16 {limits['bf16']['prefill_floor_s']:.2f} s.")
    lines.append(f"- Weight stream: parallel read of {st['bytes'] / 1e9:.2f} GB at **{st['read_gbs']:.1f} GB/s** "
                 f"(`at::sum` of the same bf16 buffer: {st['torch_sum_gbs']:.2f} GB/s). Decode floor = weight bytes / "
                 f"read bandwidth: bf16 {limits['bf16']['weight_bytes'] / 1e6:.0f} MB -> "
                 f"{st['decode_floor_tok_s_bf16']:.1f} tok/s, f32 {limits['f32']['weight_bytes'] / 1e6:.0f} MB -> "
                 f"{st['decode_floor_tok_s_f32']:.1f} tok/s.")
    lines.append(f"- One decode token's GEMVs through `at::linear` alone (weights from DRAM): "
                 f"f32 {1e3 * limits['f32']['gemv_all_s']:.0f} ms ({limits['f32']['gemv_tok_s']:.2f} tok/s), "
                 f"bf16 {1e3 * limits['bf16']['gemv_all_s']:.0f} ms ({limits['bf16']['gemv_tok_s']:.2f} tok/s) — "
                 f"the best a runtime built on `at::linear` can decode.")
    return "\n".join(lines) + "\n"


def write_doc(path, table):
    text = ""
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
    block = f"{BEGIN}\n{table}{END}"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text + ("\n" if text and not text.endswith("\n") else "") + block + "\n"
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limits", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--command", default="bench/run_runtime_bench.sh")
    ap.add_argument("--reps-note", default="Medians over the repetitions; reference and ours run "
                                            "interleaved, one process per measurement.")
    ap.add_argument("--doc")
    args = ap.parse_args()
    with open(args.limits) as f:
        limits = json.load(f)
    rows = load_results(args.results)
    if not rows:
        raise SystemExit(f"{args.results}: no result lines")
    table = build_table(limits, rows, args.command, args.reps_note)
    if args.doc:
        write_doc(args.doc, table)
        print(f"wrote the table into {args.doc}", file=sys.stderr)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
