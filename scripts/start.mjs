#!/usr/bin/env node
// `npm start`: the desktop app where there is a display; browser mode where there is none (a
// server, a container, CI), so the quick start works on every machine.
//   npm start              build and launch the Electron app (browser mode without a display)
//   npm start -- --dev     the Electron app with hot reload
//   npm start -- --headless  browser mode even with a display
//   npm start -- --data-dir PATH   keep the data in PATH (browser mode also takes --port N)
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { electronSqliteBinding } from './electron-sqlite.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

let options
try {
  options = parseArgs({
    options: { dev: { type: 'boolean' }, headless: { type: 'boolean' }, 'data-dir': { type: 'string' }, port: { type: 'string' } },
  }).values
} catch (error) {
  console.error(`npm start: ${error.message}. It takes --dev, --headless, --data-dir PATH and --port N (after \`--\`: npm start -- --data-dir PATH).`)
  process.exit(2)
}
const dev = !!options.dev
const headless = !!options.headless || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
// Relative to where npm was started, not to this script's folder (npm runs scripts from the package root).
const dataDir = options['data-dir'] && resolve(process.env.INIT_CWD ?? process.cwd(), options['data-dir'])

function run(command, commandArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('close', (code) => resolve(code ?? 1))
  })
}

async function browserMode(reason) {
  console.log(`${reason} Starting TestDesk in browser mode instead, with the demo project.`)
  const flags = [...(dataDir ? ['--data-dir', dataDir] : []), ...(options.port ? ['--port', options.port] : [])]
  return run(process.execPath, [join(root, 'bin/testdesk.mjs'), 'serve', '--demo', ...flags])
}

async function desktop() {
  try {
    require('electron') // resolves (and on first use downloads) the Electron binary
  } catch (error) {
    return browserMode(`Electron could not be installed here (${error.message.split('\n')[0]}).`)
  }
  let binding
  try {
    binding = await electronSqliteBinding(root)
  } catch (error) {
    return browserMode(`The SQLite module could not be built for Electron (${error.message.split('\n')[0]}).`)
  }
  const electronVite = join(root, 'node_modules/electron-vite/bin/electron-vite.js')
  if (options.port) console.log('--port applies to browser mode only; the desktop app opens its own window.')
  const env = { TESTDESK_SQLITE_BINDING: binding, ...(dataDir && { TESTDESK_DATA_DIR: dataDir }) }
  return run(process.execPath, [electronVite, dev ? 'dev' : 'preview'], env)
}

process.exitCode = headless ? await browserMode('No display found.') : await desktop()
