/**
 * Copies the query embedder's files into the site (static/ by default) so the browser loads
 * them from the site's own origin under its base path: the model (config, tokenizer, one ONNX
 * file per dtype) into model/<id>/, ONNX Runtime's wasm + loader into ort/, and a files.json
 * with sizes and hashes (progress totals, cache versioning). Layout: src/lib/model/files.ts.
 * Usage: tsx build-scripts/site/stage-model.ts [--model <dir>] [--dtypes q8,fp32] [--target static]
 * A missing model is a warning, not a failure: the site then says free-text search has no model.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_MODEL_ID, MANIFEST_FILE, modelDir, ONNX_FILE, ORT_FILES, TOKENIZER_FILES,
  type ModelDtype, type ModelManifest, type ServedFile
} from '../../src/lib/model/files';

export const DEFAULT_MODEL_SRC = '.cache/models/Xenova/all-MiniLM-L6-v2';
/** q8 for WASM (every browser), fp32 for WebGPU. */
export const DEFAULT_DTYPES: ModelDtype[] = ['q8', 'fp32'];

export interface StageModelOptions {
  /** Folder in transformers.js layout. */
  src: string;
  /** Site root to stage into (static/, or a built site in tests). */
  target: string;
  id?: string;
  dtypes?: ModelDtype[];
}

/** ORT files from the very onnxruntime-web that @huggingface/transformers imports. */
export function ortSource(file: string): string {
  const tjs = createRequire(import.meta.url).resolve('@huggingface/transformers');
  return createRequire(tjs).resolve(`onnxruntime-web/${file}`);
}

export function stageModel(o: StageModelOptions): ModelManifest {
  const id = o.id ?? DEFAULT_MODEL_ID;
  const dtypes = o.dtypes ?? DEFAULT_DTYPES;
  const missing = [...TOKENIZER_FILES, ...dtypes.map((d) => ONNX_FILE[d])].filter((f) => !existsSync(join(o.src, f)));
  if (missing.length) throw new Error(`${o.src} lacks ${missing.join(', ')}`);
  const dest = join(o.target, modelDir(id));
  rmSync(dest, { recursive: true, force: true }); // no stale dtype or tokenizer left behind
  const put = (from: string, rel: string): ServedFile => {
    const to = join(o.target, rel);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    const bytes = readFileSync(to);
    return { path: rel, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  };
  const common = [
    ...TOKENIZER_FILES.map((f) => put(join(o.src, f), `${modelDir(id)}/${f}`)),
    ...ORT_FILES.map((f) => put(ortSource(f), `ort/${f}`))
  ];
  const onnx: ModelManifest['onnx'] = {};
  for (const d of dtypes) onnx[d] = put(join(o.src, ONNX_FILE[d]), `${modelDir(id)}/${ONNX_FILE[d]}`);
  const all = [...common, ...Object.values(onnx)];
  const version = createHash('sha256').update(all.map((f) => `${f.path}:${f.sha256}`).join('\n')).digest('hex').slice(0, 12);
  const manifest: ModelManifest = { id, version, common, onnx };
  writeFileSync(join(dest, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: process.env.CINEATLAS_MODEL_DIR ?? DEFAULT_MODEL_SRC },
      dtypes: { type: 'string', default: DEFAULT_DTYPES.join(',') },
      target: { type: 'string', default: 'static' }
    }
  });
  const dtypes = values.dtypes!.split(',').map((s) => s.trim()) as ModelDtype[];
  const bad = dtypes.filter((d) => !(d in ONNX_FILE));
  if (bad.length) {
    console.error(`--dtypes: unknown ${bad.join(', ')} (use q8, fp32)`);
    process.exit(2);
  }
  try {
    if (!existsSync(values.model!) || !statSync(values.model!).isDirectory()) throw new Error(`no model folder at ${values.model}`);
    const m = stageModel({ src: values.model!, target: values.target!, dtypes });
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    const sizes = [...m.common, ...Object.values(m.onnx)].map((f) => `${f.path} ${mb(f.bytes)}`);
    console.log(`Staged the query model ${m.id} (${dtypes.join(', ')}; version ${m.version}) into ${values.target}/:\n  ${sizes.join('\n  ')}`);
  } catch (e) {
    // Stale files would make the browser embed with a model the catalogue was not built with.
    rmSync(join(values.target!, modelDir(DEFAULT_MODEL_ID)), { recursive: true, force: true });
    rmSync(join(values.target!, 'ort'), { recursive: true, force: true });
    console.warn(
      `Warning: the query model was not staged (${(e as Error).message}). The site still works; ` +
        'free-text search will say the model is unavailable. Run `npm run model:provision` or pass --model <dir>.'
    );
  }
}
