/**
 * Stage timing and progress lines for long build steps, without a dependency.
 *
 * On a terminal a single line is redrawn in place (bar, percent, count, rate, item). When
 * the stream is not a TTY (CI logs, pipes) it prints plain lines instead: one at each
 * quarter of the work and one when a stage ends, so logs stay short and readable.
 */

export interface Ticker {
  /** Reports `done` of `total` units; `label` names the current item (e.g. a file). */
  update(done: number, total: number, label?: string): void;
}

export interface StageTiming {
  name: string;
  ms: number;
}

export interface Progress {
  /** Runs `fn` as a named, timed stage; the stage line ends with ✓/✗ and the duration. */
  stage<T>(name: string, fn: (tick: Ticker) => Promise<T> | T): Promise<T>;
  /** A plain message line (clears any progress line first). */
  log(message: string): void;
  /** Durations of the stages run so far, in order. */
  readonly timings: StageTiming[];
}

export interface ProgressOptions {
  /** Where to draw; null for silence (tests). Default: process.stderr. */
  stream?: NodeJS.WritableStream | null;
  /** Force TTY or plain mode (default: the stream's isTTY). */
  tty?: boolean;
  /** Minimum ms between redraws on a TTY. */
  throttleMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

const BAR_WIDTH = 24;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms - m * 60_000) / 1000)} s`;
}

const nf = new Intl.NumberFormat('en-US');
export const formatCount = (n: number): string => nf.format(n);

function bar(fraction: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream === undefined ? process.stderr : options.stream;
  const tty = options.tty ?? Boolean(stream && (stream as NodeJS.WriteStream).isTTY);
  const throttle = options.throttleMs ?? 80;
  const now = options.now ?? (() => performance.now());
  const timings: StageTiming[] = [];
  let live = false; // a TTY progress line is on screen

  const write = (s: string) => stream?.write(s);
  const clearLine = () => {
    if (live) write('\r\x1b[2K');
    live = false;
  };

  return {
    timings,
    log(message) {
      clearLine();
      write(`${message}\n`);
    },
    async stage(name, fn) {
      const start = now();
      let lastDraw = -Infinity;
      let lastQuarter = new Map<string, number>();
      const tick: Ticker = {
        update(done, total, label) {
          if (!stream || total <= 0) return;
          const fraction = done / total;
          if (tty) {
            const t = now();
            if (t - lastDraw < throttle && done < total) return;
            lastDraw = t;
            const elapsed = (t - start) / 1000;
            const rate = elapsed > 0 ? ` ${formatCount(Math.round(done / elapsed))}/s` : '';
            const cols = (stream as NodeJS.WriteStream).columns ?? 100;
            let line = `  ${name} ${bar(fraction)} ${String(Math.floor(fraction * 100)).padStart(3)}% ${formatCount(done)}/${formatCount(total)}${rate}${label ? ` ${label}` : ''}`;
            if (line.length > cols - 1) line = `${line.slice(0, cols - 2)}…`;
            write(`\r\x1b[2K${line}`);
            live = true;
          } else {
            // Plain mode: one line per quarter reached, per label.
            const key = label ?? '';
            const quarter = Math.floor(fraction * 4);
            if ((lastQuarter.get(key) ?? -1) >= quarter) return;
            lastQuarter.set(key, quarter);
            write(`  ${name}${label ? ` ${label}` : ''}: ${formatCount(done)}/${formatCount(total)} (${Math.floor(fraction * 100)}%)\n`);
          }
        }
      };
      try {
        const value = await fn(tick);
        const ms = now() - start;
        timings.push({ name, ms });
        clearLine();
        write(`✓ ${name} (${formatDuration(ms)})\n`);
        return value;
      } catch (e) {
        const ms = now() - start;
        timings.push({ name, ms });
        clearLine();
        write(`✗ ${name} failed after ${formatDuration(ms)}\n`);
        throw e;
      } finally {
        lastQuarter = new Map();
      }
    }
  };
}

/** A progress that prints nothing but still times stages. */
export function silentProgress(): Progress {
  return createProgress({ stream: null });
}
