import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase, type Db } from '../../src/main/db/open';
import { savedSettings } from '../../src/main/estate/savedSettings';
import { tempDir } from '../support/temp';

const schema = z.object({ quietMinutes: z.number().int().positive(), enabled: z.record(z.string(), z.boolean()) });
const defaults = { quietMinutes: 60, enabled: { quiet: true, offline: true } };
const settings = savedSettings('test', schema, defaults, 'enabled');
const now = new Date('2026-03-29T01:30:00Z');

describe('saved settings', () => {
  let db: Db;
  afterEach(() => db?.close());
  const open = () => (db = openDatabase({ file: path.join(tempDir('roc-settings-'), 'cache.sqlite') }));

  it('read as the defaults until saved, and as saved after, with a rule added later on by default', () => {
    open();
    expect(settings.load(db)).toEqual(defaults);
    // A copy: changing what load gave does not change the defaults.
    settings.load(db).enabled.quiet = false;
    expect(settings.load(db).enabled.quiet).toBe(true);
    // Saved by a version that had only the "quiet" rule.
    db.prepare('INSERT INTO it_settings (name, value, updated_at) VALUES (?, ?, ?)').run('test', JSON.stringify({ quietMinutes: 30, enabled: { quiet: false } }), now.toISOString());
    expect(settings.load(db)).toEqual({ quietMinutes: 30, enabled: { quiet: false, offline: true } });
  });

  it('save writes and reads back; null goes back to the defaults', () => {
    open();
    expect(settings.save(db, { quietMinutes: 15, enabled: { quiet: true, offline: false } }, now)).toEqual({ quietMinutes: 15, enabled: { quiet: true, offline: false } });
    expect(db.prepare('SELECT updated_at FROM it_settings WHERE name = ?').pluck().get('test')).toBe(now.toISOString());
    expect(settings.save(db, null, now)).toEqual(defaults);
    expect(db.prepare('SELECT COUNT(*) FROM it_settings WHERE name = ?').pluck().get('test')).toBe(0);
  });

  it.each([
    ['not JSON', '{quietMinutes: 30'],
    ['a shape the schema refuses', JSON.stringify({ quietMinutes: -5 })],
  ])('read as the defaults when the saved value is %s', (_what, value) => {
    open();
    db.prepare('INSERT INTO it_settings (name, value, updated_at) VALUES (?, ?, ?)').run('test', value, now.toISOString());
    expect(settings.load(db)).toEqual(defaults);
  });
});
