// Opens a folder in the file manager of the machine TestDesk runs on. On a server without a
// desktop there is none: the answer says so and gives the path instead of failing.
import { spawn } from 'node:child_process'
import type { OpenedFolder } from '../../shared/api/system'

function opener(): { command: string; args: (path: string) => string[] } {
  if (process.platform === 'darwin') return { command: 'open', args: (path) => [path] }
  if (process.platform === 'win32') return { command: 'explorer.exe', args: (path) => [path] }
  return { command: 'xdg-open', args: (path) => [path] }
}

export function openFolder(path: string): Promise<OpenedFolder> {
  const { command, args } = opener()
  return new Promise((resolve) => {
    const answer = (message: string | null) => resolve({ opened: message === null, path, message })
    let child
    try {
      child = spawn(command, args(path), { detached: true, stdio: 'ignore' })
    } catch (error) {
      answer(`Cannot start ${command}: ${(error as Error).message}`)
      return
    }
    child.once('error', (error: NodeJS.ErrnoException) =>
      answer(error.code === 'ENOENT' ? `No file manager here (${command} is not installed): the folder is ${path}` : `${command} failed: ${error.message}`),
    )
    // xdg-open returns at once when a file manager took the folder; a failure exits non-zero.
    child.once('exit', (code) => answer(code === 0 || code === null ? null : `${command} could not open the folder (exit ${code}): it is ${path}`))
    child.unref()
  })
}
