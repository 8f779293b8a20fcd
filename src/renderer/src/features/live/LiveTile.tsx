import { useEffect, useRef, useState } from 'react';
import type { LiveChannel, LiveSession, TileState } from '../../../../shared/live/types';
import { TilePlayer } from './player';
import { useLive } from './store';

/** One camera: its state in words, snapshot, full screen, and "export the last N minutes". */
export function LiveTile({ session, channel }: { session: LiveSession; channel: LiveChannel }) {
  const box = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<TileState>('connecting');
  const [note, setNote] = useState('');
  const player = useRef<TilePlayer | null>(null);
  const { exportMinutes, exportLast } = useLive();

  useEffect(() => {
    const el = video.current;
    const tile = box.current;
    if (!el || !tile) return;
    const p = new TilePlayer(el, channel.url, { onState: (s, n) => (setState(s), setNote(n)) });
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
    };
  }, [channel.url]);

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
      a.download = `${session.storeName} ${channel.name} ${new Date().toISOString().replace(/[:.]/g, '')}.png`.replace(/[^\p{L}\p{N} ._-]/gu, '-');
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    }, 'image/png');
  };

  return (
    <div className={`live-tile tile-${state.replace(' ', '-')}`} ref={box} data-testid="live-tile" data-channel={channel.uuid}>
      <video ref={video} muted playsInline aria-label={`${session.storeName}: ${channel.name}`} />
      <div className="tile-bar">
        <span className="tile-name">{channel.name}</span>
        <span className="tile-state" data-testid="tile-state" data-state={state} title={note} role="status">{state}</span>
      </div>
      <div className="tile-actions">
        <button type="button" onClick={snapshot} disabled={state !== 'playing'}>Snapshot</button>
        <button type="button" onClick={() => void box.current?.requestFullscreen?.()}>Full screen</button>
        <button type="button" onClick={() => player.current?.reload()}>Reload</button>
        <button type="button" onClick={() => void exportLast(session, channel.uuid)}>Export last {exportMinutes} min</button>
      </div>
    </div>
  );
}
