import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Floorplan, FloorplanZone } from '../../../../shared/storeLayout/types';
import { fitCanvasToScreen, useElementSize } from './canvasSize';
import { drawFloorplan, fitTransform, scaleBar, zoneAt, zoneShapes, type FlowArrow, type ViewTransform } from './draw';
import { plural } from '../../../../shared/text/plural';

export interface FloorplanCanvasProps {
  plan: Floorplan;
  selectedId: string | null;
  hoverId: string | null;
  onSelect(id: string | null): void;
  onHover(id: string | null): void;
  fillOf?: (zone: FloorplanZone) => string | undefined;
  arrows?: (shapes: Map<string, { x: number; y: number }>) => FlowArrow[];
  /** What the tooltip says of a zone beyond its name and type (a measure, a flow). */
  describe?: (zone: FloorplanZone) => string | null;
}

/**
 * The floorplan on a canvas, to scale: one Path2D per zone built once per floorplan, replayed under
 * d3-zoom's transform (wheel or pinch to zoom, drag to pan, double-click to zoom in; Fit shows it all).
 */
export function FloorplanCanvas({ plan, selectedId, hoverId, onSelect, onHover, fillOf, arrows, describe }: FloorplanCanvasProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const size = useElementSize(wrapRef);
  const [transform, setTransform] = useState<ViewTransform>({ k: 1, x: 0, y: 0 });
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  const shapes = useMemo(() => zoneShapes(plan), [plan]);
  const centres = useMemo(() => new Map(shapes.map((s) => [s.zone.id, s.centre])), [shapes]);
  const flowArrows = useMemo(() => arrows?.(centres), [arrows, centres]);
  const hitCtx = useMemo(() => (typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')), []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const behaviour = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.0005, 50])
      .on('zoom', (e: { transform: ViewTransform }) => setTransform({ k: e.transform.k, x: e.transform.x, y: e.transform.y }));
    zoomRef.current = behaviour;
    select(canvas).call(behaviour);
    return () => {
      select(canvas).on('.zoom', null);
    };
  }, []);

  const fit = () => {
    const canvas = canvasRef.current;
    const behaviour = zoomRef.current;
    if (!canvas || !behaviour) return;
    const t = fitTransform(plan.bounds, size.width, size.height);
    select(canvas).call(behaviour.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
  };
  // a new floorplan, or a new size: show it whole
  useEffect(fit, [plan, size.width, size.height]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || size.width === 0) return;
    const ratio = fitCanvasToScreen(canvas, size.width, size.height);
    drawFloorplan(ctx, shapes, { width: size.width, height: size.height, transform, hoverId, selectedId, fillOf, arrows: flowArrows, ratio });
  }, [shapes, size, transform, hoverId, selectedId, fillOf, flowArrows]);

  const pick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    if (!hitCtx) return null;
    const r = e.currentTarget.getBoundingClientRect();
    return zoneAt(hitCtx, shapes, transform, e.clientX - r.left, e.clientY - r.top);
  };
  const hovered = hoverId ? plan.zones.find((z) => z.id === hoverId) : undefined;
  const bar = scaleBar(transform.k);
  const detail = hovered && describe ? describe(hovered) : null;

  return (
    <div className="fp-canvas-wrap" ref={wrapRef}>
      <canvas
        ref={canvasRef}
        className="fp-canvas"
        style={{ width: size.width, height: size.height }}
        role="img"
        aria-label={`Floorplan ${plan.name}: ${plural(shapes.length, 'zone')} drawn`}
        data-testid="floorplan-canvas"
        data-zones={shapes.length}
        onMouseMove={(e) => {
          const s = pick(e);
          const r = e.currentTarget.getBoundingClientRect();
          setPointer({ x: e.clientX - r.left, y: e.clientY - r.top });
          if ((s?.zone.id ?? null) !== hoverId) onHover(s?.zone.id ?? null);
        }}
        onMouseLeave={() => {
          setPointer(null);
          onHover(null);
        }}
        onClick={(e) => onSelect(pick(e)?.zone.id ?? null)}
      />
      <div className="fp-overlay-tools">
        <button type="button" onClick={fit} title="Show the whole floorplan">
          Fit
        </button>
      </div>
      <div className="fp-scale" aria-label={`Scale: the bar is ${bar.metres} m`}>
        <div className="fp-scale-bar" style={{ width: bar.px }} />
        <span>{bar.metres} m</span>
      </div>
      {hovered && pointer && (
        <div className="fp-tooltip" style={{ left: Math.min(pointer.x + 14, size.width - 220), top: pointer.y + 14 }} role="tooltip">
          <strong>{hovered.name}</strong> <span className="muted">{hovered.type ?? 'no type'}</span>
          {detail && <div>{detail}</div>}
        </div>
      )}
    </div>
  );
}
