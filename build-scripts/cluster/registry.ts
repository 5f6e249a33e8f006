/**
 * models.json: every clustering model of a build with its parameters, metrics, build time
 * and promotion status, plus which one the site opens with. The promotion rule is data
 * (metric + threshold) so the site can show it and a user can change it per build.
 */
import type { ModelRun, ModelSuite } from './run-models';
import { chooseDefaultModel, DEFAULT_RULE_TEXT } from '../../src/lib/core/default-model';

export const MODELS_FILE = 'models.json';
export const REGISTRY_VERSION = 1;

export interface PromotionRule {
  /** Metric compared with the threshold (higher is better). */
  metric: 'silhouette';
  min: number;
}

export const DEFAULT_PROMOTION: PromotionRule = { metric: 'silhouette', min: 0.05 };

export type ModelStatus = 'production' | 'staging';

export interface RegistryModel {
  id: string;
  algorithm: string;
  status: ModelStatus;
  k: number;
  params: Record<string, number | string | boolean>;
  rule: string;
  selection: { value: number; score: number }[];
  metrics: {
    silhouette: number | null;
    davies_bouldin: number | null;
    calinski_harabasz: number | null;
    noise_fraction: number;
    sizes: { clusters: number; min: number; median: number; max: number; mean: number; gini: number };
    genre_nmi: number;
    /** Size-weighted share of label words found in member movies' text. */
    label_grounded: number | null;
    label_coverage: number | null;
  };
  macro_k?: number;
  build_seconds: number;
}

export interface Registry {
  version: number;
  built_at: string;
  default_model: string;
  promotion_rule: PromotionRule & { description: string };
  /** Where and how the metrics were measured. */
  space: string;
  models: RegistryModel[];
  agreement: { a: string; b: string; ari: number; nmi: number }[];
}

const finite = (x: number): number | null => (Number.isFinite(x) ? round(x) : null);
const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

export function promotionStatus(run: Pick<ModelRun, 'quality'>, rule: PromotionRule): ModelStatus {
  const value = run.quality[rule.metric];
  return Number.isFinite(value) && value >= rule.min ? 'production' : 'staging';
}

export function buildRegistry(
  suite: ModelSuite,
  labelQuality: Record<string, { grounded: number | null; coverage: number | null }>,
  rule: PromotionRule,
  builtAt: Date
): Registry {
  const models: RegistryModel[] = suite.models.map((m) => ({
    id: m.id,
    algorithm: m.algorithm,
    status: promotionStatus(m, rule),
    k: m.clustering.k,
    params: m.params,
    rule: m.rule,
    selection: m.selection.map((p) => ({ value: p.value, score: round(p.score) })),
    metrics: {
      silhouette: finite(m.quality.silhouette),
      davies_bouldin: finite(m.quality.daviesBouldin),
      calinski_harabasz: finite(m.quality.calinskiHarabasz),
      noise_fraction: round(m.quality.noiseFraction),
      sizes: { ...m.quality.sizes, mean: round(m.quality.sizes.mean, 3), gini: round(m.quality.sizes.gini, 4) },
      genre_nmi: round(m.genreNmi),
      label_grounded: labelQuality[m.id]?.grounded ?? null,
      label_coverage: labelQuality[m.id]?.coverage ?? null
    },
    ...(m.macro ? { macro_k: m.macro.k } : {}),
    build_seconds: round(m.seconds, 2)
  }));
  return {
    version: REGISTRY_VERSION,
    built_at: builtAt.toISOString(),
    default_model: chooseDefaultModel(models),
    promotion_rule: {
      ...rule,
      description: `a model is "production" when its ${rule.metric} is at least ${rule.min}, else "staging"; ${DEFAULT_RULE_TEXT}`
    },
    space: suite.space,
    models,
    agreement: suite.agreement.map((p) => ({ ...p, ari: round(p.ari), nmi: round(p.nmi) }))
  };
}
