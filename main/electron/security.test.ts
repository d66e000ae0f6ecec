import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  appResponseHeaders,
  contentTypeFor,
  createWindowOptions,
  isAllowedFrameNavigation,
  isAllowedRemoteRequest,
  isAllowedSender,
  isPermissionGranted,
  isSafeExternalUrl,
  isTrustedSenderFrame,
  resolveAppFile,
} from './security';

describe('createWindowOptions (STYLE §5 window settings)', () => {
  const options = createWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', platform: 'linux' });
  const prefs = options.webPreferences!;

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('uses the preload bundle it is given and waits for the first paint', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(options.show).toBe(false);
  });

  it('does not turn on Chromium spellcheck on Linux (it downloads dictionaries from Google)', () => {
    expect(prefs.spellcheck).toBe(false);
    expect(createWindowOptions({ preloadPath: 'p', platform: 'darwin' }).webPreferences!.spellcheck).toBe(true);
    expect(createWindowOptions({ preloadPath: 'p', platform: 'win32' }).webPreferences!.spellcheck).toBe(true);
  });

  it('uses restored bounds when given, the default size otherwise', () => {
    expect(createWindowOptions({ preloadPath: 'p', bounds: { x: 10, y: 20, width: 900, height: 700 } })).toMatchObject({
      x: 10,
      y: 20,
      width: 900,
      height: 700,
    });
    expect(options.x).toBeUndefined();
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth!);
  });
});

describe('the app scheme', () => {
  it('is a standard, secure scheme that does not bypass CSP', () => {
    expect(APP_ORIGIN).toBe('sourcebook://app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeFalsy();
  });

  it('sends a CSP that allows no remote origin and no inline or eval script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
    // Remote origins only for images (clipped articles' pictures), never for scripts, styles or connections.
    for (const directive of CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim())) {
      if (!directive.startsWith('img-src')) expect(directive, directive).not.toMatch(/https?:/);
    }
    expect(CONTENT_SECURITY_POLICY.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
    expect(appResponseHeaders('/x/index.html')).toMatchObject({
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
  });

  it('serves module scripts with a JavaScript MIME type', () => {
    expect(contentTypeFor('/r/assets/index-abc.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/r/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/r/assets/app.CSS')).toMatch(/^text\/css/);
    expect(contentTypeFor('/r/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('isAllowedSender', () => {
  it.each(['sourcebook://app/', 'sourcebook://app/index.html', 'sourcebook://app/articles/1?x=1#top'])('accepts %s', (url) => {
    expect(isAllowedSender(url)).toBe(true);
  });

  it.each([
    'sourcebook://evil/',
    'sourcebook://app.evil.com/',
    'sourcebook://user:pw@app/',
    'https://app/',
    'http://127.0.0.1:5173/',
    'file:///app/dist/renderer/index.html',
    'about:blank',
    'about:srcdoc',
    'data:text/html,hi',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
    undefined,
    null,
    42,
  ])('refuses %s', (url) => {
    expect(isAllowedSender(url)).toBe(false);
  });
});

describe('isTrustedSenderFrame', () => {
  it('accepts only the top frame of the app origin', () => {
    expect(isTrustedSenderFrame({ url: 'sourcebook://app/', parent: null })).toBe(true);
    expect(isTrustedSenderFrame({ url: 'sourcebook://app/', parent: {} })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'sourcebook://app/', parent: null, detached: true })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(isTrustedSenderFrame(null)).toBe(false);
    expect(isTrustedSenderFrame(undefined)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com/a?b=c', 'http://example.org', 'HTTPS://EXAMPLE.COM/'])('opens %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'sourcebook://app/',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'mailto:someone@example.com',
    'https://bank.example@evil.example/',
    'https://user:pw@example.com/',
    '//example.com/',
    'example.com',
    '',
    undefined,
    {},
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isAllowedFrameNavigation', () => {
  it('lets sub-frames load only inline documents or app pages', () => {
    expect(isAllowedFrameNavigation('about:srcdoc')).toBe(true);
    expect(isAllowedFrameNavigation('about:blank')).toBe(true);
    expect(isAllowedFrameNavigation('sourcebook://app/reader.html')).toBe(true);
    expect(isAllowedFrameNavigation('https://example.com/')).toBe(false);
    expect(isAllowedFrameNavigation('file:///etc/passwd')).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = path.resolve('/srv/app/dist/renderer');

  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'sourcebook://app/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'sourcebook://app')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'sourcebook://app/assets/index-1a2b.js?v=1#x')).toBe(path.join(root, 'assets', 'index-1a2b.js'));
    expect(resolveAppFile(root, 'sourcebook://app/assets/')).toBe(path.join(root, 'assets', 'index.html'));
    expect(resolveAppFile(root, 'sourcebook://app/fonts/Inter%20Var.woff2')).toBe(path.join(root, 'fonts', 'Inter Var.woff2'));
  });

  it.each([
    'sourcebook://app/../secret.txt',
    'sourcebook://app/%2e%2e/secret.txt',
    'sourcebook://app/%2E%2E/%2E%2E/etc/passwd',
    'sourcebook://app/assets/..%2f..%2f..%2fetc%2fpasswd',
    'sourcebook://app/..%5c..%5cwindows%5cwin.ini',
    'sourcebook://app/%00index.html',
    'sourcebook://app/%E0%A4%A',
  ])('refuses the traversal %s', (url) => {
    const file = resolveAppFile(root, url);
    if (file !== undefined) {
      // WHATWG URL parsing may already have removed the dot segments: then the result must stay inside root.
      expect(path.relative(root, file).startsWith('..')).toBe(false);
      expect(file.startsWith(root + path.sep)).toBe(true);
    } else {
      expect(file).toBeUndefined();
    }
  });

  it('never resolves outside the root for encoded parent segments', () => {
    expect(resolveAppFile(root, 'sourcebook://app/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeUndefined();
    expect(resolveAppFile(root, 'sourcebook://app/%00index.html')).toBeUndefined();
    expect(resolveAppFile(root, 'sourcebook://app/..%5c..%5cwindows%5cwin.ini')).toBeUndefined();
  });

  it('refuses other origins and schemes', () => {
    expect(resolveAppFile(root, 'sourcebook://other/index.html')).toBeUndefined();
    expect(resolveAppFile(root, 'file:///srv/app/dist/renderer/index.html')).toBeUndefined();
    expect(resolveAppFile(root, 'https://app/index.html')).toBeUndefined();
    expect(resolveAppFile(root, 'garbage')).toBeUndefined();
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'unknown'])('denies %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });
});

describe('isAllowedRemoteRequest', () => {
  it('lets clipped articles show their images and nothing else remote', () => {
    expect(isAllowedRemoteRequest('image', 'https://example.com/a.png')).toBe(true);
    expect(isAllowedRemoteRequest('image', 'http://example.com/a.png')).toBe(true);
    for (const type of ['script', 'xhr', 'mainFrame', 'subFrame', 'stylesheet', 'font', 'media', 'webSocket', 'ping', 'cspReport', 'other']) {
      expect(isAllowedRemoteRequest(type, 'https://example.com/x')).toBe(false);
    }
    expect(isAllowedRemoteRequest('image', 'ws://example.com/x')).toBe(false);
    expect(isAllowedRemoteRequest('image', 'not a url')).toBe(false);
  });
});
