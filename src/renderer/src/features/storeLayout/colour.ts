import { scaleLinear, scaleSequential, scaleSequentialSqrt } from 'd3-scale';
import { interpolateOrRd, interpolateYlGnBu } from 'd3-scale-chromatic';

/** A sequential scheme's part that keeps dark zone names readable and a zero apart from the background. */
const measureColours = (t: number) => interpolateYlGnBu(0.08 + 0.62 * t);
const flowColours = (t: number) => interpolateOrRd(0.06 + 0.94 * t);

/** Zone measure → fill, from 0 to the floor's largest value (d3-scale over a d3-scale-chromatic scheme). */
export function measureScale(max: number): (v: number) => string {
  return scaleSequential(measureColours).domain([0, max > 0 ? max : 1]).clamp(true);
}

/** Flow count → heat, square-root so the many small flows are not all one colour beside the few large ones. */
export function flowScale(max: number): (v: number) => string {
  return scaleSequentialSqrt(flowColours).domain([0, max > 0 ? max : 1]).clamp(true);
}

/** The scale as a CSS gradient for a legend bar. */
export function gradientCss(scale: (v: number) => string, max: number, sqrt = false): string {
  const stops = Array.from({ length: 11 }, (_, i) => {
    const t = i / 10;
    return `${scale((sqrt ? t * t : t) * (max > 0 ? max : 1))} ${t * 100}%`;
  });
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/** Round tick values for a legend from 0 to max (d3's nice steps). */
export function legendTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  return scaleLinear().domain([0, max]).ticks(count).filter((t) => t <= max);
}

/**
 * The flow heat as a palette of `steps` colours (index = round(sqrt(v / max) * (steps - 1))): a matrix
 * of 10,000 cells sets 256 fill styles, not 10,000 interpolated ones.
 */
export function flowPalette(max: number, steps = 256): string[] {
  const scale = flowScale(max);
  const top = max > 0 ? max : 1;
  return Array.from({ length: steps }, (_, i) => scale(top * (i / (steps - 1)) ** 2));
}
