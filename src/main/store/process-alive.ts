// Whether a process recorded in the database (a run's runner, a lease's holder) still lives, so a
// crash is told from a process that is merely busy. Only processes on this host can be asked.
import { hostname } from 'node:os'

export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A process of this host that has ended (on another host nothing can be known, so never). */
export function localProcessGone(pid: number, host: string): boolean {
  return host === hostname() && !processAlive(pid)
}
