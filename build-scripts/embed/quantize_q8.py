#!/usr/bin/env python3
"""Re-quantize a transformers.js model folder's fp32 ONNX to a more faithful int8 (q8) model.

Why: plain dynamic quantization (per-tensor uint8 weights, what the usual export scripts
produce) keeps all-MiniLM-L6-v2 at only ~0.95 cosine to PyTorch for
short texts (the empty string is worst: its vector is the mean of [CLS] and [SEP], whose
activations carry BERT's outlier dimensions). Two changes fix that without leaving standard ops
(MatMulInteger / DynamicQuantizeLinear, which onnxruntime-node and onnxruntime-web both run):

1. per-channel weight scales (one scale per output column instead of one per matrix);
2. leave the N most sensitive MatMuls in fp32. Sensitivity is measured here, on calibration
   texts (NOT the parity-test sentences): quantize one MatMul alone, see how far the pooled
   vectors move from fp32. The FFN input/output projections of the middle layers dominate.

The result replaces onnx/model_quantized.onnx (the file transformers.js loads for dtype "q8");
the previous file is kept once as onnx/model_quantized.orig.onnx.

Usage:
    quantize_q8.py --model DIR [--exclude 5] [--calib FILE]   (FILE: one text per line)
Needs: numpy, onnx, onnxruntime, transformers (tokenizer only).
"""
import argparse, json, logging, shutil, tempfile
from pathlib import Path

CALIBRATION = [  # varied on purpose: overviews, recipe-shaped texts, short queries, edge cases
    "",
    "war",
    "feel-good comedy",
    "space opera with rebels",
    "heist movie set in Paris",
    "A retired hitman is pulled back into the underworld after thugs kill his dog.",
    "Two sisters inherit a crumbling farm and a family secret buried beneath the barn.",
    "In a flooded future city, a courier smuggles memories between rival corporations.",
    "A shy teenager joins the school choir and finds the courage to face her bullies.",
    "The crew of a deep-sea station discovers something ancient in the trench below.",
    "Drama, Romance. A widowed baker falls for the travelling musician who rents her attic.",
    "The Last Orchard (1987). Horror. A village harvest festival hides a terrible bargain. "
    "Keywords: folk horror, cult, small town.",
    "Documentary about the rise and fall of a legendary punk band in 1970s London.",
    "An animated adventure: a lost robot and a stray cat cross the desert to find home.",
    "During the Napoleonic wars, a young officer must choose between duty and love.",
    "Science Fiction, Thriller. An AI assistant begins rewriting the memories of its owners "
    "to keep them happy, and a detective notices the gaps.",
    "Cowboys, cattle drives and a feud between two ranching families in 1880s Texas.",
    "A stand-up comedian loses her voice the week before her first televised special.",
    "Kung fu master avenges his teacher.",
    "zombies",
]


def load_texts(path):
    return [l.rstrip("\n") for l in open(path, encoding="utf-8")] if path else CALIBRATION


def make_embed(tokenizer, texts, batch=8):
    import numpy as np
    feeds = []
    for i in range(0, len(texts), batch):
        b = tokenizer(texts[i:i + batch], padding=True, truncation=True, max_length=256,
                      return_tensors="np")
        feeds.append(({k: b[k].astype(np.int64) for k in
                       ["input_ids", "attention_mask", "token_type_ids"]}, b["attention_mask"]))

    def embed(model_path):
        import onnxruntime as ort
        so = ort.SessionOptions()
        so.intra_op_num_threads = 2
        sess = ort.InferenceSession(str(model_path), so, providers=["CPUExecutionProvider"])
        out = []
        for f, mask in feeds:
            h = sess.run(None, f)[0]
            m = mask[..., None].astype(np.float32)
            v = (h * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
            out.append(v / np.linalg.norm(v, axis=1, keepdims=True))
        return np.concatenate(out)
    return embed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, help="folder with onnx/model.onnx + tokenizer")
    ap.add_argument("--exclude", type=int, default=5, help="how many MatMuls stay fp32")
    ap.add_argument("--calib", help="calibration texts, one per line")
    args = ap.parse_args()
    import numpy as np, onnx
    from onnxruntime.quantization import quantize_dynamic, QuantType
    from transformers import AutoTokenizer
    logging.getLogger().setLevel(logging.ERROR)  # silence "consider pre-processing" warnings

    folder = Path(args.model)
    fp32 = folder / "onnx" / "model.onnx"
    target = folder / "onnx" / "model_quantized.onnx"
    tmp = Path(tempfile.mkdtemp())
    embed = make_embed(AutoTokenizer.from_pretrained(folder), load_texts(args.calib))
    ref = embed(fp32)

    def quantize(out, **kw):
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QUInt8, **kw)
        got = embed(out)
        return (got * ref).sum(1)

    # MatMuls with a constant weight (the attention score MatMuls have two activations).
    graph = onnx.load(str(fp32), load_external_data=False).graph
    inits = {i.name for i in graph.initializer}
    matmuls = [n.name for n in graph.node if n.op_type == "MatMul" and n.input[1] in inits]
    damage = {}
    for i, name in enumerate(matmuls):
        cos = quantize(tmp / "one.onnx", per_channel=True, nodes_to_quantize=[name])
        damage[name] = float(1 - cos.min())
        print(f"[{i + 1}/{len(matmuls)}] {damage[name]:.5f} {name}", flush=True)
    keep_fp32 = sorted(matmuls, key=lambda n: -damage[n])[:args.exclude]

    report = {}
    for label, kw in [("per-tensor (usual export)", {}),
                      ("per-channel", dict(per_channel=True)),
                      (f"per-channel, {len(keep_fp32)} MatMuls fp32",
                       dict(per_channel=True, nodes_to_exclude=keep_fp32))]:
        out = tmp / "candidate.onnx"
        cos = quantize(out, **kw)
        report[label] = dict(min=round(float(cos.min()), 4), mean=round(float(cos.mean()), 4),
                             mb=round(out.stat().st_size / 1e6, 1))
        print(label, report[label], flush=True)
    print("kept in fp32:", *keep_fp32, sep="\n  ")

    backup = folder / "onnx" / "model_quantized.orig.onnx"
    if target.exists() and not backup.exists():
        shutil.copy(target, backup)
    shutil.move(str(out), target)
    (folder / "onnx" / "model_quantized.json").write_text(json.dumps({
        "made_by": "build-scripts/embed/quantize_q8.py",
        "method": "onnxruntime quantize_dynamic, QUInt8 weights, per-channel",
        "fp32_nodes": keep_fp32, "min_cosine_vs_fp32_on_calibration": report}, indent=2) + "\n")
    shutil.rmtree(tmp)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
