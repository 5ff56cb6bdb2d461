// The application menu: standard roles, plus Help links that open in the system browser.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron'

export function installMenu(): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Playwright documentation', click: () => void shell.openExternal('https://playwright.dev/docs/intro') }],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
