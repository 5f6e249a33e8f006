/**
 * Gaussian mixture with full covariances fitted by EM, mirroring sklearn's
 * GaussianMixture(covariance_type='full', init_params='kmeans') so its score/BIC are comparable:
 * same M-step (nk + 10·eps, reg_covar on the diagonal), same stopping rule (|Δ mean log-lik| < tol),
 * best of n_init by final lower bound, then one last E-step for labels and score.
 * No npm package fits a full-covariance GMM fast enough, hence this module.
 */
import type { Matrix } from './matrix';
import { rng, type Clustering } from './types';
import { kmeans } from './kmeans';

export interface GmmOptions {
  k: number;
  seed?: number;
  /** Restarts; the one with the highest final lower bound wins (sklearn default 1). */
  nInit?: number;
  maxIter?: number;
  tol?: number;
  regCovar?: number;
  /** Initial hard labels (0..k-1) instead of k-means; used for every restart. */
  initLabels?: Int32Array;
}

export interface GmmModel extends Clustering {
  d: number;
  weights: Float64Array; // k
  means: Float64Array; // k × d
  covariances: Float64Array; // k × d × d
  /** sklearn `score(X)`: mean log-likelihood per sample under the returned parameters. */
  meanLogLikelihood: number;
  /** sklearn `bic(X)`: −2·score·n + params·ln n. */
  bic: number;
  converged: boolean;
  nIter: number;
}

const LOG_2PI = Math.log(2 * Math.PI);
const EPS10 = 10 * Number.EPSILON; // sklearn adds this to nk so empty components don't divide by 0

/** Free parameters of a full-covariance mixture (sklearn `_n_parameters`). */
export function gmmParamCount(k: number, d: number): number {
  return k * ((d * (d + 1)) / 2) + k * d + k - 1;
}

export function gmmBic(meanLogLik: number, n: number, k: number, d: number): number {
  return -2 * meanLogLik * n + gmmParamCount(k, d) * Math.log(n);
}

/** Parameters plus what the E-step needs: inverse Cholesky factors and per-component log constants. */
interface Params {
  k: number;
  d: number;
  weights: Float64Array;
  means: Float64Array;
  cov: Float64Array;
  invL: Float64Array; // lower-triangular L⁻¹ with Σ = L·Lᵀ, so Mahalanobis² = ‖L⁻¹(x−μ)‖²
  logConst: Float64Array; // ln w − d/2·ln 2π − ln|L|
}

/** Cholesky + triangular inverse for each component; a non-PD covariance gets growing jitter. */
function prepare(p: Params, regCovar: number): void {
  const { k, d, cov, invL, logConst, weights } = p;
  const L = new Float64Array(d * d);
  for (let c = 0; c < k; c++) {
    const S = cov.subarray(c * d * d, (c + 1) * d * d);
    let jitter = 0;
    for (;;) {
      if (cholesky(S, d, jitter, L)) break;
      jitter = jitter ? jitter * 10 : Math.max(regCovar, 1e-12) * 10;
      if (jitter > 1e6) throw new Error(`gmm: covariance of component ${c} is not positive definite`);
    }
    const inv = invL.subarray(c * d * d, (c + 1) * d * d);
    inv.fill(0);
    let logDet = 0;
    for (let i = 0; i < d; i++) {
      logDet += Math.log(L[i * d + i]);
      // Forward substitution for column i of L⁻¹.
      inv[i * d + i] = 1 / L[i * d + i];
      for (let r = i + 1; r < d; r++) {
        let s = 0;
        for (let t = i; t < r; t++) s -= L[r * d + t] * inv[t * d + i];
        inv[r * d + i] = s / L[r * d + r];
      }
    }
    logConst[c] = Math.log(weights[c]) - 0.5 * d * LOG_2PI - logDet;
  }
}

function cholesky(S: Float64Array, d: number, jitter: number, L: Float64Array): boolean {
  L.fill(0);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = S[i * d + j] + (i === j ? jitter : 0);
      for (let t = 0; t < j; t++) s -= L[i * d + t] * L[j * d + t];
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j];
    }
  }
  return true;
}

/** E-step: fills resp (n × k posteriors) and returns the mean log-likelihood (log-sum-exp per point). */
function eStep(m: Matrix, p: Params, resp: Float64Array): number {
  const { data, rows: n } = m;
  const { k, d, means, invL, logConst } = p;
  const diff = new Float64Array(d);
  const lp = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      for (let t = 0; t < d; t++) diff[t] = data[i * d + t] - means[c * d + t];
      let maha = 0;
      const o = c * d * d;
      for (let r = 0; r < d; r++) {
        let z = 0;
        for (let t = 0; t <= r; t++) z += invL[o + r * d + t] * diff[t];
        maha += z * z;
      }
      const v = logConst[c] - 0.5 * maha;
      lp[c] = v;
      if (v > max) max = v;
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(lp[c] - max);
    const lse = max + Math.log(s);
    total += lse;
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(lp[c] - lse);
  }
  return total / n;
}

/** M-step (sklearn `_estimate_gaussian_parameters`, two-pass covariance for accuracy). */
function mStep(m: Matrix, resp: Float64Array, p: Params, regCovar: number): void {
  const { data, rows: n } = m;
  const { k, d, weights, means, cov } = p;
  weights.fill(0);
  means.fill(0);
  cov.fill(0);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r === 0) continue;
      weights[c] += r;
      for (let t = 0; t < d; t++) means[c * d + t] += r * data[i * d + t];
    }
  }
  for (let c = 0; c < k; c++) {
    weights[c] += EPS10;
    for (let t = 0; t < d; t++) means[c * d + t] /= weights[c];
  }
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r === 0) continue;
      for (let t = 0; t < d; t++) diff[t] = data[i * d + t] - means[c * d + t];
      const o = c * d * d;
      for (let a = 0; a < d; a++) {
        const ra = r * diff[a];
        for (let b = 0; b <= a; b++) cov[o + a * d + b] += ra * diff[b];
      }
    }
  }
  for (let c = 0; c < k; c++) {
    const o = c * d * d;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        const v = cov[o + a * d + b] / weights[c] + (a === b ? regCovar : 0);
        cov[o + a * d + b] = cov[o + b * d + a] = v;
      }
    }
    weights[c] /= n;
  }
  prepare(p, regCovar);
}

function newParams(k: number, d: number): Params {
  return {
    k,
    d,
    weights: new Float64Array(k),
    means: new Float64Array(k * d),
    cov: new Float64Array(k * d * d),
    invL: new Float64Array(k * d * d),
    logConst: new Float64Array(k)
  };
}

export function gmm(m: Matrix, opts: GmmOptions): GmmModel {
  const { k, seed = 0, nInit = 1, maxIter = 100, tol = 1e-3, regCovar = 1e-6 } = opts;
  const { rows: n, cols: d } = m;
  if (!(k >= 1 && k <= n)) throw new Error(`gmm: k=${k} must be in 1..${n}`);
  const rand = rng(seed);
  const resp = new Float64Array(n * k);
  let best: Params | null = null;
  let bestBound = -Infinity;
  let bestIter = 0;
  let bestConverged = false;

  for (let init = 0; init < nInit; init++) {
    // Like sklearn: one k-means run (n_init=1) per restart, each with its own seed.
    const labels = opts.initLabels ?? kmeans(m, { k, nInit: 1, seed: Math.floor(rand() * 2 ** 31) }).labels;
    resp.fill(0);
    for (let i = 0; i < n; i++) resp[i * k + labels[i]] = 1;
    const p = newParams(k, d);
    mStep(m, resp, p, regCovar);
    let bound = -Infinity;
    let converged = false;
    let it = 0;
    while (it < maxIter) {
      it++;
      const prev = bound;
      bound = eStep(m, p, resp);
      mStep(m, resp, p, regCovar);
      if (Math.abs(bound - prev) < tol) {
        converged = true;
        break;
      }
    }
    if (best === null || bound > bestBound) {
      best = p;
      bestBound = bound;
      bestIter = it;
      bestConverged = converged;
    }
  }

  // Final E-step with the winning parameters: labels, confidences and sklearn's score agree.
  const p = best!;
  const score = eStep(m, p, resp);
  const labels = new Int32Array(n);
  const probabilities = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let bc = 0;
    for (let c = 1; c < k; c++) if (resp[i * k + c] > resp[i * k + bc]) bc = c;
    labels[i] = bc;
    probabilities[i] = resp[i * k + bc];
  }
  return {
    labels,
    k,
    probabilities,
    d,
    weights: p.weights,
    means: p.means,
    covariances: p.cov,
    meanLogLikelihood: score,
    bic: gmmBic(score, n, k, d),
    converged: bestConverged,
    nIter: bestIter
  };
}

function paramsOf(model: GmmModel): Params {
  const p = newParams(model.k, model.d);
  p.weights.set(model.weights);
  p.means.set(model.means);
  p.cov.set(model.covariances);
  prepare(p, 0);
  return p;
}

/** Soft assignments of (possibly new) points: n × k posteriors and their mean log-likelihood. */
export function gmmPosteriors(model: GmmModel, m: Matrix): { resp: Float64Array; meanLogLikelihood: number } {
  if (m.cols !== model.d) throw new Error(`gmm: expected ${model.d} columns, got ${m.cols}`);
  const resp = new Float64Array(m.rows * model.k);
  const meanLogLikelihood = eStep(m, paramsOf(model), resp);
  return { resp, meanLogLikelihood };
}
