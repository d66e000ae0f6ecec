import { z } from 'zod';
import type { ServiceContext } from './context';

/** Library-wide preferences, stored in the library so the app and the CLI agree. */
export const Settings = z.object({
  /** Store clipped images in the library for offline reading, or keep them on the web. */
  images: z.enum(['store', 'remote']).default('store'),
});
export type Settings = z.output<typeof Settings>;

export class SettingsService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(): Promise<Settings> {
    const rows = this.ctx.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const raw = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    const parsed = Settings.safeParse(raw);
    return parsed.success ? parsed.data : Settings.parse({});
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const upsert = this.ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.ctx.write(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
    });
    return this.get();
  }
}
