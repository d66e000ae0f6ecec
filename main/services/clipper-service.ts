import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from './context';

export type ClipperStatus = 'pending' | 'approved' | 'revoked';
export interface ClipperClient {
  id: string;
  name: string;
  status: ClipperStatus;
  createdAt: string;
  approvedAt: string | null;
  lastUsedAt: string | null;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const MAX_PENDING = 5;

/**
 * The library's bookmarklet secret, a row of the settings table (a JSON string). It is not a
 * preference: `Settings` in settings-service.ts does not name it, so `settings.get` never returns it
 * (zod drops unknown keys), and it lives in the library so backups and restores keep saved
 * bookmarklets working, and a bookmarklet of another library is told apart.
 */
const SECRET_KEY = 'clipper.bookmarkletSecret';
const isSecret = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{32,200}$/.test(value);
const newSecret = () => randomBytes(32).toString('base64url');

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Marks the refusals of a bookmarklet (not of a browser's key): the clipper window keeps its pairing. */
export const BOOKMARKLET_REFUSED = 'bookmarklet-secret';
const COPY_AGAIN = 'Copy it again from Sourcebook (Clip → Browser clipper) and replace the saved bookmark with it. Nothing was clipped.';

type Raw = { id: string; name: string; status: ClipperStatus; created_at: string; approved_at: string | null; last_used_at: string | null; key_hash: string };
const toClient = (r: Raw): ClipperClient => ({ id: r.id, name: r.name, status: r.status, createdAt: r.created_at, approvedAt: r.approved_at, lastUsedAt: r.last_used_at });

/**
 * Pairing of browser clippers. A browser asks to pair and gets a secret key that is useless until
 * the user approves the request inside the app (an authenticated API call the browser page cannot
 * make). Only a hash of the key is stored.
 *
 * A paired browser's key sits in the clipper window's storage, and any site can open that window
 * and message it; so the window's requests must also carry the library's bookmarklet secret, which
 * only the bookmarklet the app shows contains. That is what makes a clip the user's own act.
 */
export class ClipperService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The secret the app's bookmarklet embeds, made the first time it is asked for. */
  bookmarkletSecret(): string {
    const existing = this.storedSecret();
    if (existing !== null) return existing;
    // Another process (the app and the CLI share a library) may make it at the same moment: the
    // first insert wins and both return it.
    return this.ctx.write(() => {
      this.ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING').run(SECRET_KEY, JSON.stringify(newSecret()));
      return this.storedSecret() ?? this.replaceSecret();
    });
  }

  /** A new secret: every bookmarklet copied before stops working (they are told why). */
  rotateBookmarkletSecret(): string {
    return this.ctx.write(() => this.replaceSecret());
  }

  /**
   * Throws `unauthorized` (details.reason = BOOKMARKLET_REFUSED) unless `secret` is this library's.
   * A request without one comes from a bookmarklet saved before bookmarklets carried it.
   */
  checkBookmarkletSecret(secret: string | undefined): void {
    if (secret === undefined || secret === '') {
      throw new AppError('unauthorized', `This bookmarklet is from an older Sourcebook and does not carry this library's secret. ${COPY_AGAIN}`, {
        reason: BOOKMARKLET_REFUSED,
        secret: 'missing',
      });
    }
    const expected = this.storedSecret();
    if (expected === null || !sameSecret(secret, expected)) {
      throw new AppError(
        'unauthorized',
        `This bookmarklet was made for another Sourcebook library, or a new one was made here since. ${COPY_AGAIN}`,
        { reason: BOOKMARKLET_REFUSED, secret: 'wrong' },
      );
    }
  }

  private storedSecret(): string | null {
    const row = this.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(SECRET_KEY) as { value: string } | undefined;
    if (!row) return null;
    const value = JSON.parse(row.value) as unknown;
    return isSecret(value) ? value : null;
  }

  private replaceSecret(): string {
    const secret = newSecret();
    this.ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SECRET_KEY, JSON.stringify(secret));
    return secret;
  }

  requestPairing(name: string): { clientId: string; key: string } {
    const pending = (this.ctx.db.prepare("SELECT count(*) AS n FROM clipper_clients WHERE status = 'pending'").get() as { n: number }).n;
    if (pending >= MAX_PENDING) {
      throw new AppError('conflict', 'Too many pairing requests are waiting; approve or deny them in Sourcebook first.');
    }
    const clientId = this.ctx.newId();
    const key = randomBytes(32).toString('base64url');
    this.ctx.write(() =>
      this.ctx.db
        .prepare("INSERT INTO clipper_clients (id, name, key_hash, status, created_at) VALUES (?, ?, ?, 'pending', ?)")
        .run(clientId, name.slice(0, 200) || 'Browser', hashKey(key), this.ctx.now()),
    );
    return { clientId, key };
  }

  /** The client's status if the key is right, else null (a wrong key learns nothing). */
  statusFor(clientId: string, key: string): ClipperStatus | null {
    const r = this.ctx.db.prepare('SELECT * FROM clipper_clients WHERE id = ?').get(clientId) as Raw | undefined;
    if (!r) return null;
    const a = Buffer.from(r.key_hash, 'hex');
    const b = Buffer.from(hashKey(key), 'hex');
    return a.length === b.length && timingSafeEqual(a, b) ? r.status : null;
  }

  /** Throws `unauthorized` unless the client is approved and the key is right. */
  authenticate(clientId: string, key: string): void {
    const status = this.statusFor(clientId, key);
    if (status !== 'approved') {
      throw new AppError('unauthorized', status === 'pending' ? 'This browser is waiting for approval in Sourcebook.' : 'This browser is not paired with Sourcebook; pair it again.');
    }
    this.ctx.write(() => this.ctx.db.prepare('UPDATE clipper_clients SET last_used_at = ? WHERE id = ?').run(this.ctx.now(), clientId));
  }

  async list(): Promise<ClipperClient[]> {
    return (this.ctx.db.prepare("SELECT * FROM clipper_clients WHERE status <> 'revoked' ORDER BY created_at DESC").all() as Raw[]).map(toClient);
  }

  async approve(clientId: string): Promise<ClipperClient> {
    return this.setStatus(clientId, 'approved');
  }

  async revoke(clientId: string): Promise<ClipperClient> {
    return this.setStatus(clientId, 'revoked');
  }

  private setStatus(clientId: string, status: ClipperStatus): ClipperClient {
    const changed = this.ctx.write(() =>
      this.ctx.db
        .prepare(`UPDATE clipper_clients SET status = ?, approved_at = CASE WHEN ? = 'approved' THEN ? ELSE approved_at END WHERE id = ?`)
        .run(status, status, this.ctx.now(), clientId).changes,
    );
    if (!changed) throw new AppError('not-found', `No clipper pairing ${clientId}.`, { id: clientId });
    return toClient(this.ctx.db.prepare('SELECT * FROM clipper_clients WHERE id = ?').get(clientId) as Raw);
  }
}
