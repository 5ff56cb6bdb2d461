// Electron entry: one instance, one window, the core in this process, the contract over IPC.
// Everything of substance lives in src/main/core; this file only wires Electron to it.
import { app, BrowserWindow, ipcMain } from 'electron'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openCore, type Core } from '../core'
import { desktopNotifier, hideTray, showTray } from './background'
import { registerEventSubscriptions, registerIpc } from './ipc'
import { installMenu } from './menu'
import { hardenApp, trustedSender } from './security'
import { createMainWindow, rendererPaths } from './window'

const mainDir = dirname(fileURLToPath(import.meta.url))
const { preload, rendererIndex } = rendererPaths(mainDir)
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined

let core: Core | null = null
let mainWindow: BrowserWindow | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  hardenApp(rendererIndex, devServerUrl)
  app.whenReady().then(start).catch((error) => {
    console.error('[testdesk] start-up failed:', error)
    app.exit(2)
  })
}

async function start(): Promise<void> {
  core = await openCore({
    // `npm start -- --data-dir PATH` hands its folder over here (scripts/start.mjs).
    dataDir: process.env.TESTDESK_DATA_DIR || app.getPath('userData'),
    // In development the SQLite addon is built for Electron beside the Node one (scripts/start.mjs).
    nativeBinding: process.env.TESTDESK_SQLITE_BINDING || undefined,
  })
  const trusted = trustedSender(rendererIndex, devServerUrl)
  registerIpc(ipcMain, core.dispatcher, trusted)
  // Each window gets the events it subscribed to, not every event of every run.
  registerEventSubscriptions(ipcMain, core.events, trusted)
  // The app runs the schedules of its data directory (or stands by while `testdesk scheduler` does).
  core.scheduler.start({ kind: 'app', desktop: desktopNotifier, log: (message) => console.log(`[testdesk] scheduler: ${message}`) })
  installMenu()
  openWindow()
  app.on('activate', openWindow)
}

function openWindow(): void {
  if (mainWindow) {
    mainWindow.show()
    mainWindow.focus()
    return
  }
  hideTray()
  mainWindow = createMainWindow(preload, rendererIndex, devServerUrl)
  mainWindow.on('closed', () => (mainWindow = null))
}

app.on('window-all-closed', () => {
  void keepRunningInBackground().then((keep) => {
    if (keep) showTray({ open: openWindow, quit: () => app.quit() })
    else if (process.platform !== 'darwin') app.quit()
  })
})

/** Whether the tester chose to keep schedules firing from the tray after the window is closed. */
async function keepRunningInBackground(): Promise<boolean> {
  if (!core) return false
  const settings = await core.dispatcher.call('schedules.settings', {}, { transport: 'direct' })
  return settings.ok && (settings.value as { run_in_background: boolean }).run_in_background
}

// Runs in progress are cancelled and the database closed before the process ends, so nothing
// is left half-written; the quit resumes once that is done.
app.on('before-quit', (event) => {
  // `core` is cleared before closing starts, so the second before-quit (from app.quit) passes.
  if (!core) return
  event.preventDefault()
  const open = core
  core = null
  void open
    .close()
    .catch((error) => console.error('[testdesk] closing failed:', error))
    .finally(() => app.quit())
})
