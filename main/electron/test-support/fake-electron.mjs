// A stand-in for the `electron` module, so main-smoke.test.ts can run the real dist/electron/main.mjs
// under plain Node (the Electron binary is not available everywhere). It implements only what the
// app's main process calls, records every call in `__sb`, and lets the test fire app events.
// It says nothing about Chromium's behaviour (navigation, CSP, sandbox): the Electron e2e spec does.

const listeners = new Map();
const on = (map, event, fn) => {
  if (!map.has(event)) map.set(event, []);
  map.get(event).push(fn);
};
const emitFrom = (map, event, ...args) => (map.get(event) ?? []).map((fn) => fn(...args));

let resolveReady;
const readyPromise = new Promise((resolve) => (resolveReady = resolve));
const paths = new Map([
  ['userData', '/nonexistent/userData'],
  ['appData', '/nonexistent/appData'],
]);

export const __sb = {
  calls: [],
  windows: [],
  ipcHandlers: new Map(),
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  permissionRequestHandler: undefined,
  permissionCheckHandler: undefined,
  beforeRequest: undefined,
  applicationMenu: undefined,
  dialogs: [],
  dialogResponse: 0,
  exitCode: undefined,
  quitCalled: false,
  opened: [],
  record(name, ...args) {
    this.calls.push([name, ...args]);
  },
  fireReady() {
    resolveReady();
    return readyPromise;
  },
  emit(event, ...args) {
    return emitFrom(listeners, event, ...args);
  },
};

function fakeWebContents() {
  const handlers = new Map();
  const contents = {
    sent: [],
    windowOpenHandler: undefined,
    mainFrame: { url: 'sourcebook://app/', parent: null },
    session: { addWordToSpellCheckerDictionary() {} },
    on(event, fn) {
      on(handlers, event, fn);
      return contents;
    },
    emit(event, ...args) {
      return emitFrom(handlers, event, ...args);
    },
    send(channel, payload) {
      contents.sent.push([channel, payload]);
    },
    isDestroyed: () => false,
    setWindowOpenHandler(fn) {
      contents.windowOpenHandler = fn;
    },
    replaceMisspelling() {},
  };
  return contents;
}

export class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = fakeWebContents();
    this.handlers = new Map();
    this.loaded = undefined;
    this.shown = false;
    __sb.windows.push(this);
  }
  static getAllWindows() {
    return [...__sb.windows];
  }
  on(event, fn) {
    on(this.handlers, event, fn);
    return this;
  }
  once(event, fn) {
    return this.on(event, fn);
  }
  emit(event, ...args) {
    return emitFrom(this.handlers, event, ...args);
  }
  loadURL(url) {
    this.loaded = url;
    return Promise.resolve();
  }
  center() {}
  show() {
    this.shown = true;
  }
  destroy() {
    this.destroyed = true;
  }
  focus() {}
  maximize() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 40, y: 30, width: 1100, height: 760 };
  }
}

export const app = {
  isPackaged: false,
  setName: (name) => __sb.record('app.setName', name),
  setPath: (name, value) => paths.set(name, value),
  getPath: (name) => paths.get(name),
  enableSandbox: () => __sb.record('app.enableSandbox'),
  requestSingleInstanceLock: () => true,
  on(event, fn) {
    on(listeners, event, fn);
    return app;
  },
  whenReady: () => readyPromise,
  quit() {
    __sb.quitCalled = true;
  },
  exit(code) {
    __sb.exitCode = code;
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => __sb.privilegedSchemes.push(...schemes),
  handle: (scheme, fn) => __sb.protocolHandlers.set(scheme, fn),
};

export const session = {
  defaultSession: {
    protocol: { handle: (scheme, fn) => __sb.protocolHandlers.set(scheme, fn) },
    setPermissionRequestHandler: (fn) => (__sb.permissionRequestHandler = fn),
    setPermissionCheckHandler: (fn) => (__sb.permissionCheckHandler = fn),
    webRequest: { onBeforeRequest: (filter, fn) => (__sb.beforeRequest = { filter, fn }) },
  },
};

export const ipcMain = {
  handle: (channel, fn) => __sb.ipcHandlers.set(channel, fn),
  removeHandler: (channel) => __sb.ipcHandlers.delete(channel),
};

export const Menu = {
  buildFromTemplate: (template) => ({ template, popup() {} }),
  setApplicationMenu: (menu) => (__sb.applicationMenu = menu),
};

export const nativeTheme = { themeSource: 'system', shouldUseDarkColors: false };

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

export const shell = {
  openPath: async (p) => (__sb.opened.push(['path', p]), ''),
  openExternal: async (url) => __sb.opened.push(['external', url]),
};

export const dialog = {
  showMessageBox: async (...args) => {
    __sb.dialogs.push(args.at(-1));
    return { response: __sb.dialogResponse };
  },
  showErrorBox: (title, content) => __sb.dialogs.push({ title, content }),
};

export const contextBridge = { exposeInMainWorld: (key, api) => __sb.record('exposeInMainWorld', key, api) };
export const ipcRenderer = { invoke: async () => undefined, on() {}, removeListener() {} };
export const webUtils = { getPathForFile: () => '' };

export default { app, BrowserWindow, protocol, session, ipcMain, Menu, nativeTheme, screen, shell, dialog, contextBridge, ipcRenderer, webUtils };
