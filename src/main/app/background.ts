// Schedules from the desktop app: notifications when a scheduled run ends, and, when the tester
// chose it in the scheduler settings, a tray icon that keeps TestDesk (and its schedules) running
// after the window is closed.
import { Menu, nativeImage, Notification, Tray, type NativeImage } from 'electron'
import type { DesktopNotifier } from '../scheduler'

export const desktopNotifier: DesktopNotifier = {
  show({ title, body }) {
    if (!Notification.isSupported()) throw new Error('This desktop has no notification service')
    new Notification({ title, body, silent: false }).show()
  },
}

let tray: Tray | null = null

export interface TrayActions {
  open(): void
  quit(): void
}

/** Shows the tray icon (once): open the window again, or quit (which stops the schedules). */
export function showTray(actions: TrayActions): void {
  if (tray) return
  tray = new Tray(trayIcon())
  tray.setToolTip('TestDesk: running your schedules')
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open TestDesk', click: () => actions.open() },
      { label: 'Schedules keep running while TestDesk is in the tray', enabled: false },
      { type: 'separator' },
      { label: 'Quit TestDesk (stops the schedules)', click: () => actions.quit() },
    ]),
  )
  tray.on('click', () => actions.open())
}

export function hideTray(): void {
  tray?.destroy()
  tray = null
}

/** A 16×16 round icon drawn in memory, so the tray needs no image file in the package. */
function trayIcon(): NativeImage {
  const size = 16
  const pixels = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - 7.5) ** 2 + (y - 7.5) ** 2 <= 7.5 ** 2
      // BGRA: TestDesk blue inside, transparent outside.
      pixels.set(inside ? [0xd4, 0x6b, 0x1f, 0xff] : [0, 0, 0, 0], (y * size + x) * 4)
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size })
}
