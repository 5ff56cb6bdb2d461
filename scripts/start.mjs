#!/usr/bin/env node
// `npm start`: the desktop app where there is a display; browser mode where there is none (a
// server, a container, CI), so the quick start works on every machine.
//   npm start              build and launch the Electron app (browser mode without a display)
//   npm start -- --dev     the Electron app with hot reload
//   npm start -- --headless  browser mode even with a display
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronSqliteBinding } from './electron-sqlite.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)
const dev = args.includes('--dev')
const headless = args.includes('--headless') || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)

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
  const cli = join(root, 'bin/testdesk.mjs')
  const seeded = await run(process.execPath, [cli, 'demo'])
  if (seeded !== 0) return seeded
  return run(process.execPath, [cli, 'serve'])
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
  const env = { TESTDESK_SQLITE_BINDING: binding }
  return run(process.execPath, [electronVite, dev ? 'dev' : 'preview'], env)
}

process.exitCode = headless ? await browserMode('No display found.') : await desktop()
