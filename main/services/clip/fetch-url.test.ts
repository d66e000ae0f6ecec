import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { isPublicAddress } from './address-policy';
import { decodeBytes } from './decode';
import { fetchUrl, type FetchUrlOptions } from './fetch-url';

const PAGE = '<!DOCTYPE html><html><head><title>Hello</title></head><body><p>Hello from the test server.</p></body></html>';

let server: http.Server;
let base: string;
let port: number;
const hostsSeen: string[] = [];
const openSockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hostsSeen.push(req.headers.host ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const send = (status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, ...headers });
      res.end(body);
    };
    if (path === '/ok') return send(200, 'text/html; charset=utf-8', PAGE);
    if (path === '/headers') return send(200, 'text/plain', JSON.stringify(req.headers));
    if (path === '/404') return send(404, 'text/html', '<h1>Not found</h1>');
    if (path === '/500') return send(500, 'text/html', '<h1>Oops</h1>');
    if (path === '/slow') return; // never answers
    if (path === '/slow-body') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write('<html><body><p>first part');
      return; // body never finishes
    }
    if (path === '/loop-a') return send(302, 'text/html', '', { Location: '/loop-b' });
    if (path === '/loop-b') return send(301, 'text/html', '', { Location: `${base}/loop-a` });
    const chain = /^\/chain\/(\d+)\/(\d+)$/.exec(path);
    if (chain) {
      const [n, total] = [Number(chain[1]), Number(chain[2])];
      if (n >= total) return send(200, 'text/html', PAGE);
      return send(307, 'text/html', '', { Location: `/chain/${n + 1}/${total}` });
    }
    if (path === '/declared-huge') {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': String(50 * 1024 * 1024) });
      res.write('<html>');
      return; // the client must give up on the header alone
    }
    if (path === '/streamed-huge') {
      // 50 MB in 64 KB chunks with no Content-Length: the cap must stop reading mid-stream.
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      return pump();
    }
    if (path === '/gzip') return send(200, 'text/html; charset=utf-8', zlib.gzipSync(PAGE), { 'Content-Encoding': 'gzip' });
    if (path === '/br') return send(200, 'text/html; charset=utf-8', zlib.brotliCompressSync(PAGE), { 'Content-Encoding': 'br' });
    if (path === '/deflate') return send(200, 'text/html', zlib.deflateSync(PAGE), { 'Content-Encoding': 'deflate' });
    if (path === '/deflate-raw') return send(200, 'text/html', zlib.deflateRawSync(PAGE), { 'Content-Encoding': 'deflate' });
    if (path === '/gzip-bomb') {
      return send(200, 'text/html', zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, ' ')), { 'Content-Encoding': 'gzip' });
    }
    if (path === '/latin1') {
      return send(200, 'text/html; charset=ISO-8859-1', iconv.encode('<html><body><p>Café crème à côté</p></body></html>', 'latin1'));
    }
    if (path === '/pdf') return send(200, 'application/pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj');
    if (path === '/binary-as-html') {
      return send(200, 'text/html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    }
    if (path === '/to-private') return send(302, 'text/html', '', { Location: 'http://intranet.test/admin' });
    if (path === '/to-metadata') return send(302, 'text/html', '', { Location: 'http://169.254.169.254/latest/meta-data/' });
    if (path === '/to-ftp') return send(302, 'text/html', '', { Location: 'ftp://example.com/file' });
    return send(404, 'text/plain', 'no route');
  });
  server.on('connection', (s) => {
    openSockets.add(s);
    s.on('close', () => openSockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const s of openSockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const local: FetchUrlOptions = { allowPrivateAddresses: true, timeoutMs: 3000 };

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the fetch to fail');
}

describe('fetchUrl', () => {
  it('fetches a page and reports the final URL, status and type', async () => {
    const page = await fetchUrl(`${base}/ok`, local);
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${base}/ok`);
    expect(page.contentType).toBe('text/html; charset=utf-8');
    expect(page.bytes.toString('utf8')).toBe(PAGE);
  });

  it('sends browser-like headers', async () => {
    const page = await fetchUrl(`${base}/headers`, local);
    const headers = JSON.parse(page.bytes.toString('utf8')) as Record<string, string>;
    expect(headers['user-agent']).toMatch(/Mozilla\/5\.0 .*Chrome\//);
    expect(headers.accept).toContain('text/html');
    expect(headers['accept-encoding']).toContain('br');
  });

  it('names the status for 404 and 500', async () => {
    const e404 = await failure(fetchUrl(`${base}/404`, local));
    expect(e404.code).toBe('clip/fetch-failed');
    expect(e404.message).toContain('404');
    expect(e404.details?.status).toBe(404);
    const e500 = await failure(fetchUrl(`${base}/500`, local));
    expect(e500.code).toBe('clip/fetch-failed');
    expect(e500.message).toContain('500');
  });

  it('times out when the server never answers, and when the body never ends', async () => {
    const started = Date.now();
    const e = await failure(fetchUrl(`${base}/slow`, { ...local, timeoutMs: 300 }));
    expect(e.code).toBe('clip/fetch-failed');
    expect(e.message).toMatch(/timed out/i);
    expect(Date.now() - started).toBeLessThan(2000);
    const e2 = await failure(fetchUrl(`${base}/slow-body`, { ...local, timeoutMs: 300 }));
    expect(e2.message).toMatch(/timed out/i);
  });

  it('detects redirect loops', async () => {
    const e = await failure(fetchUrl(`${base}/loop-a`, local));
    expect(e.code).toBe('clip/fetch-failed');
    expect(e.message).toMatch(/redirect loop/i);
  });

  it('follows up to 10 redirects and refuses the 11th', async () => {
    const ok = await fetchUrl(`${base}/chain/0/10`, local);
    expect(ok.url).toBe(`${base}/chain/10/10`);
    expect(ok.redirects).toHaveLength(11);
    const e = await failure(fetchUrl(`${base}/chain/0/11`, local));
    expect(e.code).toBe('clip/fetch-failed');
    expect(e.message).toMatch(/too many redirects/i);
  });

  it('refuses a body declared larger than the cap without reading it', async () => {
    const e = await failure(fetchUrl(`${base}/declared-huge`, local));
    expect(e.code).toBe('clip/too-large');
  });

  it('stops a streamed body at the cap', async () => {
    const started = Date.now();
    const e = await failure(fetchUrl(`${base}/streamed-huge`, { ...local, maxBytes: 2 * 1024 * 1024 }));
    expect(e.code).toBe('clip/too-large');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('caps the decompressed size, not the compressed one', async () => {
    const e = await failure(fetchUrl(`${base}/gzip-bomb`, { ...local, maxBytes: 1024 * 1024 }));
    expect(e.code).toBe('clip/too-large');
  });

  it('decompresses gzip, brotli and both kinds of deflate', async () => {
    for (const path of ['/gzip', '/br', '/deflate', '/deflate-raw']) {
      const page = await fetchUrl(`${base}${path}`, local);
      expect(page.bytes.toString('utf8'), path).toBe(PAGE);
    }
  });

  it('keeps the header charset so the body decodes correctly', async () => {
    const page = await fetchUrl(`${base}/latin1`, local);
    const decoded = decodeBytes(page.bytes, { contentType: page.contentType });
    expect(decoded.source).toBe('header');
    expect(decoded.text).toContain('Café crème à côté');
  });

  it('refuses PDFs and binary bodies labelled as HTML', async () => {
    const pdf = await failure(fetchUrl(`${base}/pdf`, local));
    expect(pdf.code).toBe('clip/unsupported');
    expect(pdf.message).toContain('application/pdf');
    const bin = await failure(fetchUrl(`${base}/binary-as-html`, local));
    expect(bin.code).toBe('clip/unsupported');
    expect(bin.message).toMatch(/binary/);
  });

  it('refuses non-http schemes, directly and by redirect', async () => {
    expect((await failure(fetchUrl('file:///etc/passwd'))).code).toBe('clip/unsupported');
    expect((await failure(fetchUrl('javascript:alert(1)'))).code).toBe('clip/unsupported');
    expect((await failure(fetchUrl(`${base}/to-ftp`, local))).code).toBe('clip/unsupported');
    expect((await failure(fetchUrl('not a url'))).code).toBe('validation');
  });
});

describe('fetchUrl SSRF protection', () => {
  it('refuses 127.0.0.1 and localhost unless private addresses are allowed', async () => {
    const e = await failure(fetchUrl(`${base}/ok`));
    expect(e.code).toBe('clip/fetch-failed');
    expect(e.details?.reason).toBe('private-address');
    expect(e.message).toMatch(/private or local/);
    const byName = await failure(fetchUrl(`http://localhost:${port}/ok`));
    expect(byName.details?.reason).toBe('private-address');
  });

  it('checks every redirect hop: an allowed host redirecting to a private address is refused', async () => {
    // 127.0.0.1 stands in for a public host; intranet.test resolves to a private address.
    const opts: FetchUrlOptions = {
      timeoutMs: 3000,
      isAddressAllowed: (a) => a === '127.0.0.1' || isPublicAddress(a),
      resolveHost: async (h) => (h === 'intranet.test' ? [{ address: '10.0.0.7', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]),
    };
    const e = await failure(fetchUrl(`${base}/to-private`, opts));
    expect(e.code).toBe('clip/fetch-failed');
    expect(e.details?.address).toBe('10.0.0.7');
    const meta = await failure(fetchUrl(`${base}/to-metadata`, opts));
    expect(meta.details?.address).toBe('169.254.169.254');
  });

  it('refuses a host when any of its addresses is private', async () => {
    const e = await failure(
      fetchUrl('http://mixed.test/', {
        resolveHost: async () => [
          { address: '93.184.216.34', family: 4 },
          { address: '192.168.1.10', family: 4 },
        ],
      }),
    );
    expect(e.details?.address).toBe('192.168.1.10');
  });

  it('connects to the address it checked, keeping the host name in the Host header', async () => {
    let lookups = 0;
    const page = await fetchUrl(`http://pinned.test:${port}/ok`, {
      timeoutMs: 3000,
      isAddressAllowed: (a) => a === '127.0.0.1',
      resolveHost: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    expect(page.status).toBe(200);
    expect(lookups).toBe(1);
    expect(hostsSeen.at(-1)).toBe(`pinned.test:${port}`);
  });

  it('reports DNS failures clearly', async () => {
    const e = await failure(
      fetchUrl('http://no-such-host.invalid/', {
        resolveHost: async () => {
          throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
        },
      }),
    );
    expect(e.code).toBe('clip/fetch-failed');
    expect(e.message).toMatch(/could not find the server/i);
  });
});

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', false], ['10.2.3.4', false], ['172.16.0.1', false], ['172.31.255.255', false], ['192.168.0.1', false],
    ['100.64.0.1', false], ['169.254.169.254', false], ['0.0.0.0', false], ['224.0.0.251', false], ['255.255.255.255', false],
    ['::1', false], ['::', false], ['fd12:3456::1', false], ['fe80::1', false], ['ff02::1', false],
    ['::ffff:127.0.0.1', false], ['::ffff:a00:1', false],
    ['8.8.8.8', true], ['172.32.0.1', true], ['93.184.216.34', true], ['2606:4700:4700::1111', true], ['::ffff:8.8.8.8', true],
  ])('%s -> %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});
