import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fitToDisplays, loadWindowState, parseWindowState, saveWindowState, type Rect } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('parseWindowState', () => {
  it('keeps only well-formed fields', () => {
    expect(parseWindowState('{"bounds":{"x":1.4,"y":2,"width":900,"height":700},"isMaximized":true,"theme":"dark"}')).toEqual({
      bounds: { x: 1, y: 2, width: 900, height: 700 },
      isMaximized: true,
      theme: 'dark',
    });
    expect(parseWindowState('{"bounds":{"x":"1","y":2,"width":900,"height":700},"isMaximized":"yes","theme":"neon"}')).toEqual({});
    expect(parseWindowState('{"bounds":{"x":0,"y":0,"width":0,"height":700}}')).toEqual({});
    expect(parseWindowState('{"bounds":{"x":0,"y":0,"width":1e999,"height":700}}')).toEqual({});
  });

  it('returns undefined for unreadable text', () => {
    expect(parseWindowState('{truncated')).toBeUndefined();
    expect(parseWindowState('null')).toBeUndefined();
    expect(parseWindowState('42')).toBeUndefined();
  });
});

describe('load/save', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through the file and tolerates a missing or damaged one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-window-'));
    dirs.push(dir);
    const file = path.join(dir, 'nested', 'window-state.json');
    expect(loadWindowState(file)).toEqual({});
    const state = { bounds: { x: 5, y: 6, width: 1000, height: 800 }, isMaximized: false, theme: 'light' as const };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
    fs.writeFileSync(file, '{"bounds":');
    expect(loadWindowState(file)).toEqual({});
  });
});

describe('fitToDisplays', () => {
  it('restores bounds that are on a display', () => {
    expect(fitToDisplays({ x: 100, y: 50, width: 1000, height: 700 }, [laptop])).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
    expect(fitToDisplays({ x: 2000, y: 100, width: 1200, height: 900 }, [laptop, rightMonitor])).toEqual({ x: 2000, y: 100, width: 1200, height: 900 });
  });

  it('drops bounds whose monitor was unplugged', () => {
    expect(fitToDisplays({ x: 2000, y: 100, width: 1200, height: 900 }, [laptop])).toBeUndefined();
    expect(fitToDisplays({ x: -3000, y: -2000, width: 800, height: 600 }, [laptop])).toBeUndefined();
  });

  it('drops bounds whose title strip is off screen even if the body is visible', () => {
    expect(fitToDisplays({ x: 100, y: -500, width: 1000, height: 800 }, [laptop])).toBeUndefined();
  });

  it('pulls a partly visible window fully onto its display and shrinks it to fit', () => {
    expect(fitToDisplays({ x: 1000, y: 100, width: 1000, height: 2000 }, [laptop])).toEqual({ x: 440, y: 0, width: 1000, height: 875 });
  });

  it('returns undefined without saved bounds or displays', () => {
    expect(fitToDisplays(undefined, [laptop])).toBeUndefined();
    expect(fitToDisplays({ x: 0, y: 0, width: 800, height: 600 }, [])).toBeUndefined();
  });
});
