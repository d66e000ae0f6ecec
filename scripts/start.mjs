#!/usr/bin/env node
// `npm start [-- --library DIR]`: build, then run the desktop app under Electron on the default (or
// given) library. When Electron cannot run here (its binary is downloaded lazily on first use and
// that download needs internet; or there is no display), print ONE line saying why and start
// browser mode instead (`sourcebook serve`, which prints the URL to open).
//
// Own flags (not passed on): --browser (skip Electron), --no-build (use the existing dist/).
// Everything else (e.g. --library DIR) goes to the app or to `sourcebook serve`.
//
// Never `require('electron')` here: its index.js starts a synchronous, untimed download when the
// binary is missing. The binary is located the same way, and the download is time-boxed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');
const DOWNLOAD_TIMEOUT_MS = Number(process.env.SOURCEBOOK_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 120_000;
const PROBE_TIMEOUT_MS = 20_000;

/** Run a child with captured output, killed after `timeoutMs`. Resolves, never rejects. */
function run(command, args, { timeoutMs, env = process.env, onSlow } = {}) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let child;
    try {
      child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (error) {
      resolve({ code: null, stdout, stderr: error.message, timedOut });
      return;
    }
    const slow = onSlow ? setTimeout(onSlow, 3_000) : undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => (stderr += `${error.message}\n`));
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(slow);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** The most telling line of a failed child's output (`TypeError: fetch failed`, `ENOTFOUND ...`). */
function reasonFrom(output, fallback) {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const telling = lines.find((line) => /error|fail|ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT|cannot|not found/i.test(line) && !/^at\s/.test(line));
  return (telling ?? lines[0] ?? fallback).slice(0, 200);
}

/** Where node_modules/electron/index.js would find the binary, without triggering its download. */
export function electronBinaryPath() {
  const pathFile = path.join(ELECTRON_DIR, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  return relative ? path.join(ELECTRON_DIR, 'dist', relative) : undefined;
}

/** { ok: true, binary, electron, abi } or { ok: false, reason }. */
async function locateElectron() {
  if (!fs.existsSync(path.join(ELECTRON_DIR, 'package.json'))) return { ok: false, reason: 'the electron package is not installed' };
  let binary = electronBinaryPath();
  if (!binary || !fs.existsSync(binary)) {
    const download = await run(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], {
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
      onSlow: () => console.log('Downloading Electron (first run only)...'),
    });
    binary = electronBinaryPath();
    if (download.timedOut) return { ok: false, reason: `its binary download did not finish within ${DOWNLOAD_TIMEOUT_MS / 1000} s` };
    if (download.code !== 0 || !binary || !fs.existsSync(binary)) {
      return { ok: false, reason: `its binary is not downloaded and the download failed: ${reasonFrom(download.stderr + download.stdout, 'no output')}` };
    }
  }
  // Prove the binary starts (shared libraries present) and learn its ABI in the same step.
  const probe = await run(binary, ['-e', 'process.stdout.write(JSON.stringify({ electron: process.versions.electron, abi: process.versions.modules }))'], {
    timeoutMs: PROBE_TIMEOUT_MS,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (probe.timedOut) return { ok: false, reason: 'the Electron binary did not answer within 20 s' };
  try {
    const { electron, abi } = JSON.parse(probe.stdout);
    if (electron && abi) {
      if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
        return { ok: false, reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' };
      }
      return { ok: true, binary, electron, abi };
    }
  } catch {
    /* fall through */
  }
  return { ok: false, reason: `the Electron binary does not run: ${reasonFrom(probe.stderr, `exit code ${probe.code}`)}` };
}

/** Run a long-lived child with inherited stdio, pass signals on, and exit as it exits. */
function handOver(command, args, env) {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  // Ctrl-C in a terminal already reaches the child (same process group); forwarding it too would
  // make servers take a second SIGINT as "force quit". Other signals are meant for us alone.
  const signals = process.stdout.isTTY ? ['SIGTERM', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward);
  if (process.stdout.isTTY) process.on('SIGINT', () => {});
  child.on('error', (error) => {
    console.error(`start: could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const s of signals) process.off(s, forward);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 0);
  });
}

function startBrowserMode(args) {
  const cli = path.join(ROOT, 'bin', 'sourcebook.mjs');
  if (!fs.existsSync(cli)) {
    console.error(`start: ${path.relative(ROOT, cli)} is missing, so browser mode cannot start either.`);
    process.exit(1);
  }
  handOver(process.execPath, [cli, 'serve', ...args], process.env);
}

async function ensureElectronSqlite(electron, abi) {
  const binding = path.join(ROOT, 'native', `electron-${abi}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  if (fs.existsSync(binding)) return true;
  console.log(`better-sqlite3 has no build for Electron ${electron} yet; building it once (npm run rebuild:electron-sqlite)...`);
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'rebuild-electron-sqlite.mjs'), '--electron', electron, '--abi', abi], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  return code === 0 && fs.existsSync(binding);
}

async function main() {
  const argv = process.argv.slice(2);
  const own = new Set(['--browser', '--no-build']);
  const args = argv.filter((arg) => !own.has(arg));

  if (!argv.includes('--no-build')) {
    const { buildAll } = await import('./build.mjs');
    try {
      await buildAll();
    } catch (error) {
      console.error(`start: the build failed: ${error.message.split('\n')[0]}`);
      process.exit(1);
    }
  }

  if (argv.includes('--browser') || process.env.SOURCEBOOK_BROWSER === '1') {
    startBrowserMode(args);
    return;
  }

  const electron = await locateElectron();
  if (!electron.ok) {
    console.log(`Electron is not available on this machine (${electron.reason}); starting browser mode instead.`);
    startBrowserMode(args);
    return;
  }
  if (!(await ensureElectronSqlite(electron.electron, electron.abi))) {
    console.log(
      `Electron ${electron.electron} has no better-sqlite3 build and it could not be made (run \`npm run rebuild:electron-sqlite\` once online); starting browser mode instead.`,
    );
    startBrowserMode(args);
    return;
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  handOver(electron.binary, [ROOT, ...args], env);
}

await main();
