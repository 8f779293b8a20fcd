import type { RenderEstimate } from './types';

/** A past render: a clip of `clipSeconds` seconds of `channels` cameras took `renderMs`. */
export interface PastRender {
  clipSeconds: number;
  channels: number;
  raw: boolean;
  renderMs: number;
}

/**
 * How long a render of this clip should take, from the connection's past renders (newest first).
 * Raw and compressed renders are told apart when there are past ones of the same kind. The work is
 * taken as clip seconds x cameras: with three or more renders of different sizes, a fixed part plus a
 * part per unit of work (least squares, neither below zero); with fewer, the median time per unit.
 * Null with no past render: there is nothing to judge from.
 */
export function estimateRender(past: readonly PastRender[], clip: { clipSeconds: number; channels: number; raw: boolean }): RenderEstimate | null {
  const sameKind = past.filter((p) => p.raw === clip.raw);
  const samples = (sameKind.length > 0 ? sameKind : past).filter((p) => p.clipSeconds > 0 && p.channels > 0 && p.renderMs >= 0);
  if (samples.length === 0) return null;
  const work = (p: { clipSeconds: number; channels: number }) => p.clipSeconds * p.channels;
  const x = work(clip);
  let ms: number;
  const xs = samples.map(work);
  const distinct = new Set(xs).size;
  if (samples.length >= 3 && distinct >= 2) {
    const n = samples.length;
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = samples.reduce((a, p) => a + p.renderMs, 0) / n;
    let sxy = 0;
    let sxx = 0;
    samples.forEach((p, i) => {
      sxy += (xs[i]! - mx) * (p.renderMs - my);
      sxx += (xs[i]! - mx) ** 2;
    });
    let slope = Math.max(0, sxy / sxx);
    let fixed = my - slope * mx;
    if (fixed < 0) {
      // no fixed part: the line through zero that fits best
      fixed = 0;
      slope = samples.reduce((a, p, i) => a + xs[i]! * p.renderMs, 0) / xs.reduce((a, v) => a + v * v, 0);
    }
    ms = fixed + slope * x;
  } else {
    const perUnit = median(samples.map((p) => p.renderMs / work(p)));
    ms = perUnit * x;
  }
  return { seconds: Math.max(1, Math.round(ms / 1000)), basedOn: samples.length };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
