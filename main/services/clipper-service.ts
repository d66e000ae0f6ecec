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

type Raw = { id: string; name: string; status: ClipperStatus; created_at: string; approved_at: string | null; last_used_at: string | null; key_hash: string };
const toClient = (r: Raw): ClipperClient => ({ id: r.id, name: r.name, status: r.status, createdAt: r.created_at, approvedAt: r.approved_at, lastUsedAt: r.last_used_at });

/**
 * Pairing of browser clippers. A browser asks to pair and gets a secret key that is useless until
 * the user approves the request inside the app (an authenticated API call the browser page cannot
 * make). Only a hash of the key is stored.
 */
export class ClipperService {
  constructor(private readonly ctx: ServiceContext) {}

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
