import { useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../../../shared/contract/errors';
import type { TileState } from '../../../../shared/live/types';
import { cameraKey, type TileName, type WallCamera } from '../../../../shared/live/wall';
import { TilePlayer } from './player';
import { useLive } from './store';

interface Props {
  camera: WallCamera;
  name: TileName;
  /** The player URL from the store's session; null while the session opens or when it cannot. */
  url: string | null;
  /** Why the store's session could not be opened, or why this camera cannot play. */
  problem: ContractError | string | null;
}

/**
 * One camera: "Store · Camera" and its state in words on a bar at the bottom (the vendor burns the
 * time into the top-left corner of the picture, which nothing covers), and on hover or focus
 * snapshot, full screen, reload, export and remove at the top right.
 */
export function LiveTile({ camera, name, url, problem }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<TileState>('connecting');
  const [note, setNote] = useState('');
  const player = useRef<TilePlayer | null>(null);
  const { exportMinutes, exportLast, remove } = useLive();

  useEffect(() => {
    const el = video.current;
    const tile = box.current;
    if (!el || !tile || !url) return;
    const p = new TilePlayer(el, url, { onState: (s, n) => (setState(s), setNote(n)) });
    player.current = p;
    let onScreen = true;
    const apply = () => p.setSuspended(!onScreen || document.visibilityState === 'hidden');
    const io = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
          onScreen = entries.some((e) => e.isIntersecting);
          apply();
        })
      : null;
    io?.observe(tile);
    document.addEventListener('visibilitychange', apply);
    p.start();
    return () => {
      io?.disconnect();
      document.removeEventListener('visibilitychange', apply);
      p.destroy();
      player.current = null;
      setState('connecting');
      setNote('');
    };
  }, [url]);

  const snapshot = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => {
      if (!blob) return;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${name.name} ${new Date().toISOString().replace(/[:.]/g, '')}.png`.replace(/[^\p{L}\p{N} ._-]/gu, '-');
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    }, 'image/png');
  };

  const shown: TileState = problem ? 'offline' : url ? state : 'connecting';
  const why = problem ? (typeof problem === 'string' ? problem : problem.message) : url ? note : 'opening the store';
  return (
    <div className={`live-tile tile-${shown.replace(' ', '-')}`} ref={box} data-testid="live-tile" data-channel={camera.channelUuid} title={name.full}>
      <video ref={video} muted playsInline aria-label={name.name} />
      {problem && <div className="tile-problem" role="alert">{why}</div>}
      <div className="tile-bar">
        <span className="tile-name" data-testid="tile-name">{name.name}</span>
        <span className="tile-state" data-testid="tile-state" data-state={shown} title={why ? `${shown}: ${why}` : shown} role="status">{shown}</span>
      </div>
      <div className="tile-actions">
        <button type="button" onClick={snapshot} disabled={shown !== 'playing'}>Snapshot</button>
        <button type="button" onClick={() => void box.current?.requestFullscreen?.()}>Full screen</button>
        <button type="button" onClick={() => player.current?.reload()} disabled={!url}>Reload</button>
        <button type="button" onClick={() => void exportLast(camera)}>Export last {exportMinutes} min</button>
        <button type="button" onClick={() => remove(cameraKey(camera))} aria-label={`Remove ${name.name} from the wall`}>Remove</button>
      </div>
    </div>
  );
}
