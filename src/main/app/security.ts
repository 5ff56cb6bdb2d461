// Hardening of every web contents the shell creates: no navigation away from the app, no new
// windows (http links open in the system browser), no permission grants, IPC only from our page.
import { app, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { isAppUrl } from './trusted-origin'

export function hardenApp(rendererIndex: string, devServerUrl?: string): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, rendererIndex, devServerUrl))
}

function hardenContents(contents: WebContents, rendererIndex: string, devServerUrl?: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, rendererIndex, devServerUrl)) return
    event.preventDefault()
    openExternally(url)
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

function openExternally(url: string): void {
  if (/^https?:\/\//i.test(url)) void shell.openExternal(url)
}

export function trustedSender(rendererIndex: string, devServerUrl?: string): (event: IpcMainInvokeEvent) => boolean {
  return (event) => {
    const frame = event.senderFrame
    if (!frame || frame !== event.sender.mainFrame) return false
    return isAppUrl(frame.url, rendererIndex, devServerUrl)
  }
}
