import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createProgress, formatDuration } from '../../../build-scripts/report/progress';

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } });
  return { stream, text: () => chunks.join('') };
}

describe('progress', () => {
  it('prints plain quarter lines and a timed ✓ line when not a TTY', async () => {
    const s = sink();
    let t = 0;
    const p = createProgress({ stream: s.stream, tty: false, now: () => t });
    const v = await p.stage('ingest', (tick) => {
      for (let i = 1; i <= 100; i++) tick.update(i, 100, 'a.csv');
      t = 1500;
      return 42;
    });
    expect(v).toBe(42);
    expect(s.text()).toBe(
      ['  ingest a.csv: 1/100 (1%)', '  ingest a.csv: 25/100 (25%)', '  ingest a.csv: 50/100 (50%)',
        '  ingest a.csv: 75/100 (75%)', '  ingest a.csv: 100/100 (100%)', '✓ ingest (1.50 s)', ''].join('\n')
    );
    expect(s.text()).not.toContain('\r');
    expect(p.timings).toEqual([{ name: 'ingest', ms: 1500 }]);
  });

  it('redraws one line on a TTY and clears it before the result', async () => {
    const s = sink();
    let t = 0;
    const p = createProgress({ stream: s.stream, tty: true, now: () => t, throttleMs: 0 });
    await p.stage('write', (tick) => {
      t = 10;
      tick.update(1, 2);
      tick.update(2, 2);
    });
    expect(s.text()).toContain('\r\x1b[2K  write ');
    expect(s.text()).toContain(' 50% 1/2');
    expect(s.text().endsWith('\r\x1b[2K✓ write (10 ms)\n')).toBe(true);
  });

  it('marks a failed stage and rethrows', async () => {
    const s = sink();
    const p = createProgress({ stream: s.stream, tty: false });
    await expect(p.stage('boom', () => { throw new Error('x'); })).rejects.toThrow('x');
    expect(s.text()).toMatch(/^✗ boom failed after \d+ ms\n$/);
  });

  it('formats durations', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
