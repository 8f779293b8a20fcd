import type { Floorplan, FloorplanZone, PlanPoint } from '../../../../shared/storeLayout/types';

/** A pan/zoom transform: screen = world * k + (x, y), world in cm (d3-zoom's ZoomTransform fits). */
export interface ViewTransform {
  k: number;
  x: number;
  y: number;
}

/** One zone ready to draw: its outline as a Path2D in cm (built once per floorplan), its centre and box. */
export interface ZoneShape {
  zone: FloorplanZone;
  path: Path2D;
  centre: PlanPoint;
  box: { minX: number; minY: number; maxX: number; maxY: number };
}

/** Builds the drawable zones' paths once; drawing then only replays them under a transform. */
export function zoneShapes(plan: Floorplan): ZoneShape[] {
  const out: ZoneShape[] = [];
  for (const zone of plan.zones) {
    if (!zone.drawable) continue;
    const path = new Path2D();
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let sx = 0;
    let sy = 0;
    zone.points.forEach((p, i) => {
      if (i === 0) path.moveTo(p.x, p.y);
      else path.lineTo(p.x, p.y);
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
      sx += p.x;
      sy += p.y;
    });
    path.closePath();
    out.push({ zone, path, centre: { x: sx / zone.points.length, y: sy / zone.points.length }, box: { minX, minY, maxX, maxY } });
  }
  return out;
}

/** The transform that shows the whole floorplan in a width x height box, with a margin. */
export function fitTransform(bounds: Floorplan['bounds'], width: number, height: number, margin = 24): ViewTransform {
  if (!bounds || width <= 0 || height <= 0) return { k: 1, x: 0, y: 0 };
  const w = Math.max(1, bounds.maxX - bounds.minX);
  const h = Math.max(1, bounds.maxY - bounds.minY);
  const k = Math.min((width - 2 * margin) / w, (height - 2 * margin) / h);
  return { k, x: (width - w * k) / 2 - bounds.minX * k, y: (height - h * k) / 2 - bounds.minY * k };
}

/** A flow drawn over the plan: from one zone's centre to another's, width by count. */
export interface FlowArrow {
  from: PlanPoint;
  to: PlanPoint;
  /** line width in screen pixels */
  width: number;
  label?: string;
}

export interface DrawOptions {
  width: number;
  height: number;
  transform: ViewTransform;
  hoverId?: string | null;
  selectedId?: string | null;
  /** Fill of a zone (e.g. a measure's colour); the type's colour when it answers undefined. */
  fillOf?: (zone: FloorplanZone) => string | undefined;
  arrows?: FlowArrow[];
  /** device pixels per CSS pixel */
  ratio?: number;
}

const typeFill: Record<string, string> = { fpa: '#dbe6fb', staff: '#e6e8ec' };
const typeStroke: Record<string, string> = { fpa: '#4a6fc9', staff: '#8a92a3' };

/** Draws a floorplan: zones (filled, outlined), names where they fit, then flow arrows. */
export function drawFloorplan(ctx: CanvasRenderingContext2D, shapes: readonly ZoneShape[], o: DrawOptions): void {
  const ratio = o.ratio ?? 1;
  const { k, x, y } = o.transform;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, o.width, o.height);
  ctx.fillStyle = '#fafbfd';
  ctx.fillRect(0, 0, o.width, o.height);
  ctx.setTransform(ratio * k, 0, 0, ratio * k, ratio * x, ratio * y);
  ctx.lineJoin = 'round';
  for (const s of shapes) {
    const type = s.zone.type ?? 'fpa';
    ctx.fillStyle = o.fillOf?.(s.zone) ?? typeFill[type] ?? '#f3e8d2';
    ctx.fill(s.path);
    const active = s.zone.id === o.selectedId || s.zone.id === o.hoverId;
    ctx.lineWidth = (s.zone.id === o.selectedId ? 3 : active ? 2 : 1) / k;
    ctx.strokeStyle = s.zone.id === o.selectedId ? '#d9480f' : active ? '#172033' : typeStroke[type] ?? '#a0781e';
    if (s.zone.notes.length > 0) ctx.setLineDash([6 / k, 4 / k]);
    ctx.stroke(s.path);
    ctx.setLineDash([]);
  }
  // flows under the names, so a name at an arrow's end stays readable (on a light halo)
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  if (o.arrows) drawArrows(ctx, o.arrows, o.transform);
  const halo = !!o.arrows && o.arrows.length > 0;
  // names in screen space, whole: one line, two lines, a smaller size, or turned along a tall zone;
  // a zone too small for its name shows it when zoomed in (and in its tooltip), never cut short
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#172033';
  for (const s of shapes) {
    const w = (s.box.maxX - s.box.minX) * k - 6;
    const h = (s.box.maxY - s.box.minY) * k - 4;
    if (h < 10 || w < 16) continue;
    const cx = s.centre.x * k + x;
    const cy = s.centre.y * k + y;
    if (cx < -w || cy < -h || cx > o.width + w || cy > o.height + h) continue;
    drawLabel(ctx, s.zone.name, cx, cy, w, h, halo);
  }
}

const charWidth = (px: number) => px * 0.58;

function fits(ctx: CanvasRenderingContext2D, text: string, px: number, max: number): boolean {
  // an estimate first: measuring every label of 500 zones is the slow part of a frame
  const estimate = text.length * charWidth(px);
  if (estimate <= max * 0.8) return true;
  if (estimate > max * 1.6) return false;
  ctx.font = `${px}px system-ui, sans-serif`;
  return ctx.measureText(text).width <= max;
}

function drawLabel(ctx: CanvasRenderingContext2D, text: string, cx: number, cy: number, w: number, h: number, halo = false): void {
  const put = (t: string, x: number, y: number) => {
    if (halo) ctx.strokeText(t, x, y);
    ctx.fillText(t, x, y);
  };
  if (halo) {
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.lineWidth = 3;
  }
  for (const px of [11, 9]) {
    if (h >= px + 2 && fits(ctx, text, px, w)) {
      ctx.font = `${px}px system-ui, sans-serif`;
      put(text, cx, cy);
      return;
    }
    const space = text.lastIndexOf(' ', Math.ceil(text.length / 2) + 3);
    if (space > 0 && h >= 2 * px + 4) {
      const a = text.slice(0, space);
      const b = text.slice(space + 1);
      if (fits(ctx, a, px, w) && fits(ctx, b, px, w)) {
        ctx.font = `${px}px system-ui, sans-serif`;
        put(a, cx, cy - px * 0.6);
        put(b, cx, cy + px * 0.6);
        return;
      }
    }
  }
  if (h > w && w >= 13 && fits(ctx, text, 10, h)) {
    ctx.save();
    ctx.translate(cx, cy);
    ctx.rotate(-Math.PI / 2);
    ctx.font = '10px system-ui, sans-serif';
    put(text, 0, 0);
    ctx.restore();
  }
}

function drawArrows(ctx: CanvasRenderingContext2D, arrows: readonly FlowArrow[], t: ViewTransform): void {
  ctx.strokeStyle = 'rgba(217, 72, 15, 0.75)';
  ctx.fillStyle = 'rgba(217, 72, 15, 0.85)';
  ctx.lineCap = 'round';
  for (const a of arrows) {
    const x1 = a.from.x * t.k + t.x;
    const y1 = a.from.y * t.k + t.y;
    const x2 = a.to.x * t.k + t.x;
    const y2 = a.to.y * t.k + t.y;
    const len = Math.hypot(x2 - x1, y2 - y1);
    if (len < 4) continue;
    // a slight curve, so A->B and B->A do not lie on one line
    const mx = (x1 + x2) / 2 + ((y2 - y1) / len) * len * 0.12;
    const my = (y1 + y2) / 2 - ((x2 - x1) / len) * len * 0.12;
    const head = Math.max(8, a.width * 2.2);
    const angle = Math.atan2(y2 - my, x2 - mx);
    const ex = x2 - Math.cos(angle) * head * 0.8;
    const ey = y2 - Math.sin(angle) * head * 0.8;
    ctx.lineWidth = a.width;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.quadraticCurveTo(mx, my, ex, ey);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x2, y2);
    ctx.lineTo(x2 - Math.cos(angle - 0.45) * head, y2 - Math.sin(angle - 0.45) * head);
    ctx.lineTo(x2 - Math.cos(angle + 0.45) * head, y2 - Math.sin(angle + 0.45) * head);
    ctx.closePath();
    ctx.fill();
  }
}

/** The zone under a screen point, by its outline (a small hit-test context, world coordinates). */
export function zoneAt(hit: CanvasRenderingContext2D, shapes: readonly ZoneShape[], t: ViewTransform, sx: number, sy: number): ZoneShape | null {
  const wx = (sx - t.x) / t.k;
  const wy = (sy - t.y) / t.k;
  for (let i = shapes.length - 1; i >= 0; i--) {
    const s = shapes[i]!;
    if (wx < s.box.minX || wx > s.box.maxX || wy < s.box.minY || wy > s.box.maxY) continue;
    if (hit.isPointInPath(s.path, wx, wy)) return s;
  }
  return null;
}

/** A scale bar of a round length (1, 2, 5 x 10^n metres) close to `targetPx` on screen. */
export function scaleBar(k: number, targetPx = 110): { metres: number; px: number } {
  const pxPerMetre = k * 100;
  const raw = targetPx / pxPerMetre;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const metres = [1, 2, 5, 10].map((m) => m * pow).reduce((best, m) => (Math.abs(m - raw) < Math.abs(best - raw) ? m : best));
  return { metres, px: metres * pxPerMetre };
}
