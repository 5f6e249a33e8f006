#!/usr/bin/env python3
"""Generate the tiny, random, BERT-shaped test model used by tests/unit/embed.

It has the same inputs, outputs, tokenizer type and folder layout as all-MiniLM-L6-v2 in
transformers.js layout, so unit tests exercise the real loading code without a 90 MB download:

    config.json  tokenizer.json  tokenizer_config.json
    onnx/model.onnx            fp32
    onnx/model_quantized.onnx  int8 (dynamic, per-channel), what transformers.js calls q8
    reference_embeddings.json  sentence-transformers output (mean pooling over the attention
                               mask, L2 norm, max_seq_length 256) for fixed sentences, including
                               the empty string and one text longer than 256 word pieces

The weights are random (fixed seed): the vectors mean nothing, only the arithmetic is tested.

Usage:  python3 build-scripts/embed/make_tiny_model.py [--out tests/fixtures/tiny-bert]
Needs:  torch, transformers, tokenizers, onnx, onnxruntime, sentence-transformers, numpy.
"""
import argparse, json, shutil, string, tempfile
from pathlib import Path

MAX_SEQ_LENGTH = 256  # what sentence-transformers uses for all-MiniLM-L6-v2

# A small English vocabulary: enough that test sentences split into a mix of whole words and
# ##pieces; every ASCII letter and digit is present so nothing ASCII becomes [UNK].
WORDS = """the a an and or of to in on at for with by from as is are was were be been his her
their its he she they it we you i this that who whom which what when where why how not no
young old man woman boy girl family father mother son daughter brother sister friend friends
love war life death world city town school night day home house story new one two three
first last time year years secret dark light black white red blue green gold king queen
prince princess wizard witch magic dragon space planet alien ship star stars earth moon sun
robot future past game team police detective murder killer crime gang mafia empire army
soldier battle fight hero heroes villain agent spy mission escape prison island sea ocean
river mountain forest road car train plane money bank heist thief zombie vampire ghost
horror comedy drama romance action adventure fantasy science fiction thriller mystery
animation documentary music musical western history documentary must find save stop help
discovers travels falls fights returns learns tries becomes meets finds takes leaves
survival apocalypse wormhole humanity heritage control criminal reluctant strangers vienna
during through into after before about against between under over while until""".split()


def build_tokenizer():
    from transformers import BertTokenizerFast
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = list(string.ascii_lowercase + string.digits + string.punctuation)
    vocab = specials + chars + ["##" + c for c in string.ascii_lowercase + string.digits]
    vocab += [w for w in dict.fromkeys(WORDS) if w not in vocab]
    tok = BertTokenizerFast(vocab={t: i for i, t in enumerate(vocab)}, do_lower_case=True,
                            model_max_length=512)
    return tok, len(vocab)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="tests/fixtures/tiny-bert")
    args = ap.parse_args()
    import numpy as np, torch, onnxruntime as ort
    from transformers import BertConfig, BertModel
    from onnxruntime.quantization import quantize_dynamic, QuantType
    from sentence_transformers import SentenceTransformer, models

    torch.manual_seed(1234)
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    (out / "onnx").mkdir(parents=True)
    tmp = Path(tempfile.mkdtemp())
    tok, vocab_size = build_tokenizer()
    cfg = BertConfig(vocab_size=vocab_size, hidden_size=32, num_hidden_layers=2,
                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=512,
                     hidden_act="gelu", pad_token_id=0,
                     # Wider than BERT's 0.02 so different texts give clearly different vectors.
                     initializer_range=0.2)
    model = BertModel(cfg, add_pooling_layer=False).eval()
    model.save_pretrained(tmp / "hf")
    tok.save_pretrained(tmp / "hf")

    long_text = " ".join(["the young wizard travels through space to save his family"] * 40)
    sentences = [
        "A young wizard discovers his magical heritage and attends a school of witchcraft.",
        "Astronauts travel through a wormhole to find a new home for humanity.",
        "zombie apocalypse survival",
        "Ünïcödé Café: naïve résumé — 東京 story!",
        long_text,
        "",
    ]
    # The reference is sentence-transformers itself, configured as all-MiniLM-L6-v2 is.
    word = models.Transformer(str(tmp / "hf"), max_seq_length=MAX_SEQ_LENGTH)
    st = SentenceTransformer(modules=[word, models.Pooling(32, pooling_mode="mean"),
                                      models.Normalize()], device="cpu")
    ref = st.encode(sentences, batch_size=len(sentences), convert_to_numpy=True)
    n_tokens = [len(tok(s, truncation=True, max_length=MAX_SEQ_LENGTH)["input_ids"])
                for s in sentences]
    assert n_tokens[4] == MAX_SEQ_LENGTH, n_tokens  # the long text must hit truncation

    class Encoder(torch.nn.Module):  # keyword call: positional order differs across versions
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.m(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).last_hidden_state

    enc = tok(["a dummy sentence to trace the graph", "short"], padding=True, return_tensors="pt")
    fp32, q8 = out / "onnx" / "model.onnx", out / "onnx" / "model_quantized.onnx"
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad():
        torch.onnx.export(
            Encoder(model), tuple(enc[n] for n in names), str(fp32), dynamo=False,
            input_names=names, output_names=["last_hidden_state"], opset_version=14,
            dynamic_axes={n: {0: "batch_size", 1: "sequence_length"}
                          for n in names + ["last_hidden_state"]})
    quantize_dynamic(str(fp32), str(q8), weight_type=QuantType.QUInt8, per_channel=True)

    tok.save_pretrained(tmp / "tok")
    for f in ["tokenizer.json", "tokenizer_config.json"]:
        shutil.copy(tmp / "tok" / f, out / f)
    config = json.loads((tmp / "hf" / "config.json").read_text())
    for volatile in ("torch_dtype", "dtype"):  # differs across transformers versions
        config.pop(volatile, None)
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")

    batch = tok(sentences, padding=True, truncation=True, max_length=MAX_SEQ_LENGTH,
                return_tensors="np")
    feeds = {n: batch[n].astype(np.int64) for n in names}
    mask = batch["attention_mask"][..., None].astype(np.float32)
    report = {}
    for name, path in [("fp32", fp32), ("q8", q8)]:
        h = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, feeds)[0]
        v = (h * mask).sum(1) / mask.sum(1)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        report[name] = round(float((v * ref).sum(1).min()), 6)
    print("min cosine vs sentence-transformers:", report)
    (out / "reference_embeddings.json").write_text(json.dumps({
        "model": "tiny random BERT (build-scripts/embed/make_tiny_model.py)",
        "pooling": "mean over attention mask, then L2 normalisation",
        "max_length": MAX_SEQ_LENGTH,
        "min_cosine_vs_pytorch": report,
        "n_tokens": n_tokens,
        "sentences": sentences,
        "embeddings": [[round(float(x), 7) for x in row] for row in ref],
    }) + "\n")
    shutil.rmtree(tmp)
    for p in sorted(out.rglob("*")):
        if p.is_file():
            print(f"{p.relative_to(out)}\t{p.stat().st_size}")


if __name__ == "__main__":
    main()
