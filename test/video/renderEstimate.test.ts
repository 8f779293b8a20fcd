import { describe, expect, it } from 'vitest';
import { estimateRender, type PastRender } from '../../src/shared/exports/renderEstimate';
import { cameraLabel, macTail, sharedNames } from '../../src/shared/exports/cameraNames';

const render = (clipSeconds: number, renderMs: number, extra: Partial<PastRender> = {}): PastRender => ({ clipSeconds, channels: 1, raw: false, renderMs, ...extra });

describe('render time estimate from past renders of the connection', () => {
  it('none without a past render', () => {
    expect(estimateRender([], { clipSeconds: 300, channels: 1, raw: false })).toBeNull();
  });

  it('one or two renders: scaled by clip length x cameras', () => {
    expect(estimateRender([render(300, 40_000)], { clipSeconds: 300, channels: 1, raw: false })).toEqual({ seconds: 40, basedOn: 1 });
    expect(estimateRender([render(300, 40_000)], { clipSeconds: 900, channels: 1, raw: false })).toEqual({ seconds: 120, basedOn: 1 });
    expect(estimateRender([render(300, 40_000), render(300, 60_000)], { clipSeconds: 300, channels: 2, raw: false })).toEqual({ seconds: 100, basedOn: 2 });
  });

  it('three or more of different sizes: a fixed part plus a part per second of video', () => {
    // 10 s to start, then 0.1 s per second of video
    const past = [render(60, 16_000), render(300, 40_000), render(900, 100_000)];
    expect(estimateRender(past, { clipSeconds: 600, channels: 1, raw: false })).toEqual({ seconds: 70, basedOn: 3 });
    // never a negative fixed part: the line through zero then
    const noFixed = [render(100, 1_000), render(200, 30_000), render(300, 45_000)];
    expect(estimateRender(noFixed, { clipSeconds: 100, channels: 1, raw: false })!.seconds).toBeGreaterThan(0);
  });

  it('raw renders are judged from raw ones when there are any', () => {
    const past = [render(300, 40_000), render(300, 200_000, { raw: true })];
    expect(estimateRender(past, { clipSeconds: 300, channels: 1, raw: true })).toEqual({ seconds: 200, basedOn: 1 });
    expect(estimateRender(past, { clipSeconds: 300, channels: 1, raw: false })).toEqual({ seconds: 40, basedOn: 1 });
    expect(estimateRender([render(300, 40_000)], { clipSeconds: 300, channels: 1, raw: true })).toEqual({ seconds: 40, basedOn: 1 });
  });
});

describe('camera names', () => {
  it('a MAC tail only for a shared name', () => {
    expect(macTail('20:C3:A4:60:fb:cb')).toBe('60FBCB');
    const shared = sharedNames([{ name: 'Aisle' }, { name: 'aisle ' }, { name: 'Door' }]);
    expect([...shared]).toEqual(['aisle']);
    expect(cameraLabel({ name: 'Aisle', mac: '20:C3:A4:60:FB:CB' }, true)).toBe('Aisle (60FBCB)');
    expect(cameraLabel({ name: 'Door', mac: '20:C3:A4:60:FB:CB' }, false)).toBe('Door');
    expect(cameraLabel({ name: 'Aisle', mac: null }, true)).toBe('Aisle');
  });
});
