// Leases: taken with an expiry, renewed, released, taken over once expired or when the holder's
// process is gone; and between two real processes on one database file, where the second sees
// who holds the lease and gets it when the first releases it or dies.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Store } from '.'
import { openDatabase, type Db } from './db'
import type { LeaseHolder } from './leases'
import { localProcessGone } from './process-alive'

const opened: Db[] = []
function open(file = ':memory:'): Store {
  const db = openDatabase(file)
  opened.push(db)
  return new Store(db, { dataDir: tmpdir(), userName: 'tester' })
}
afterEach(() => {
  while (opened.length) opened.pop()!.close()
})

const holder = (id: string, kind = 'test'): LeaseHolder => ({ id, pid: process.pid, host: hostname(), kind })
const t = (iso: string) => new Date(iso)

describe('a lease', () => {
  it('is taken with an expiry; a second holder sees who has it and until when', () => {
    const { leases } = open()
    const first = leases.acquire('scheduler', holder('a', 'app'), 30_000, t('2026-01-01T00:00:00Z'))
    expect(first).toMatchObject({ held: true, lease: { holder: { id: 'a', kind: 'app' }, expires_at: '2026-01-01T00:00:30.000Z' } })
    const second = leases.acquire('scheduler', holder('b', 'scheduler'), 30_000, t('2026-01-01T00:00:10Z'))
    expect(second).toEqual({ held: false, lease: first.lease })
    // Other names are other leases.
    expect(leases.acquire('sync', holder('b'), 30_000, t('2026-01-01T00:00:10Z')).held).toBe(true)
  })

  it('is renewed by its holder only, and lapses when not renewed', () => {
    const { leases } = open()
    leases.acquire('scheduler', holder('a'), 30_000, t('2026-01-01T00:00:00Z'))
    expect(leases.renew('scheduler', 'a', 30_000, t('2026-01-01T00:00:20Z'))?.expires_at).toBe('2026-01-01T00:00:50.000Z')
    expect(leases.renew('scheduler', 'b', 30_000, t('2026-01-01T00:00:20Z'))).toBeNull()
    expect(leases.holds('scheduler', 'a', t('2026-01-01T00:00:49Z'))).toBe(true)
    expect(leases.holds('scheduler', 'a', t('2026-01-01T00:00:50Z'))).toBe(false)
    // Expired: another takes it, and the old holder can no longer renew it.
    const taken = leases.acquire('scheduler', holder('b'), 30_000, t('2026-01-01T00:00:50Z'))
    expect(taken).toMatchObject({ held: true, lease: { holder: { id: 'b' }, acquired_at: '2026-01-01T00:00:50.000Z' } })
    expect(leases.renew('scheduler', 'a', 30_000, t('2026-01-01T00:00:51Z'))).toBeNull()
  })

  it('is released by its holder only, and free at once after', () => {
    const { leases } = open()
    leases.acquire('scheduler', holder('a'), 30_000, t('2026-01-01T00:00:00Z'))
    expect(leases.release('scheduler', 'b')).toBe(false)
    expect(leases.release('scheduler', 'a')).toBe(true)
    expect(leases.get('scheduler')).toBeNull()
    expect(leases.acquire('scheduler', holder('b'), 30_000, t('2026-01-01T00:00:01Z')).held).toBe(true)
  })

  it('re-taken by its holder keeps its acquisition time; taken early when the holder is gone', () => {
    const { leases } = open()
    leases.acquire('scheduler', holder('a'), 30_000, t('2026-01-01T00:00:00Z'))
    expect(leases.acquire('scheduler', holder('a'), 30_000, t('2026-01-01T00:00:05Z')).lease).toMatchObject({ acquired_at: '2026-01-01T00:00:00.000Z', renewed_at: '2026-01-01T00:00:05.000Z' })
    const early = leases.acquire('scheduler', holder('b'), 30_000, t('2026-01-01T00:00:06Z'), (lease) => lease.holder.id === 'a')
    expect(early).toMatchObject({ held: true, lease: { holder: { id: 'b' } } })
  })

  it('only a process of this host that ended counts as gone', () => {
    expect(localProcessGone(process.pid, hostname())).toBe(false)
    expect(localProcessGone(2 ** 22 + 12345, hostname())).toBe(true)
    expect(localProcessGone(2 ** 22 + 12345, 'another-host')).toBe(false)
  })
})

describe('a lease between two processes', () => {
  const children: ChildProcessWithoutNullStreams[] = []
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL')
  })

  /** Another Node process that takes the lease on `file`, says so, and holds it until told to release or killed. */
  function holderProcess(file: string): { child: ChildProcessWithoutNullStreams; took: Promise<{ held: boolean; pid: number }> } {
    const script = `
      import { Store } from ${JSON.stringify(join(import.meta.dirname, 'index.ts'))}
      import { openDatabase } from ${JSON.stringify(join(import.meta.dirname, 'db.ts'))}
      import { hostname, tmpdir } from 'node:os'
      const db = openDatabase(${JSON.stringify(file)})
      const store = new Store(db, { dataDir: tmpdir() })
      const me = { id: 'child-' + process.pid, pid: process.pid, host: hostname(), kind: 'scheduler' }
      const answer = store.leases.acquire('scheduler', me, 60_000, new Date())
      console.log(JSON.stringify({ held: answer.held, pid: process.pid }))
      process.stdin.on('data', () => { store.leases.release('scheduler', me.id); db.close(); process.exit(0) })
    `
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] })
    children.push(child)
    const took = new Promise<{ held: boolean; pid: number }>((resolve, reject) => {
      let out = ''
      let err = ''
      child.stdout.on('data', (d) => {
        out += d
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]))
      })
      child.stderr.on('data', (d) => (err += d))
      child.on('exit', (code) => reject(new Error(`holder exited (${code}) before answering: ${err}`)))
    })
    return { child, took }
  }

  const exited = (child: ChildProcessWithoutNullStreams) => new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(null) : child.on('exit', resolve)))

  it('the second process sees the first as holder, and takes the lease when the first releases it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'td-lease-')), 'testdesk.db')
    const { leases } = open(file)
    const { child, took } = holderProcess(file)
    const { held, pid } = await took
    expect(held).toBe(true)
    const mine = holder('parent', 'app')
    const refused = leases.acquire('scheduler', mine, 60_000, new Date(), (lease) => localProcessGone(lease.holder.pid, lease.holder.host))
    expect(refused).toMatchObject({ held: false, lease: { holder: { pid, kind: 'scheduler', host: hostname() } } })
    child.stdin.write('release\n')
    await exited(child)
    expect(leases.acquire('scheduler', mine, 60_000, new Date()).held).toBe(true)
  }, 30_000)

  it('a holder killed with SIGKILL never releases; the other takes over because its process is gone', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'td-lease-')), 'testdesk.db')
    const { leases } = open(file)
    const { child, took } = holderProcess(file)
    await took
    child.kill('SIGKILL')
    await exited(child)
    const lease = leases.get('scheduler')!
    expect(lease.expires_at > new Date().toISOString()).toBe(true)
    const isGone = (l: typeof lease) => localProcessGone(l.holder.pid, l.holder.host)
    expect(leases.acquire('scheduler', holder('parent'), 60_000, new Date(), isGone)).toMatchObject({ held: true, lease: { holder: { id: 'parent' } } })
  }, 30_000)

  it('two processes asking at the same moment: exactly one gets it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'td-lease-')), 'testdesk.db')
    open(file)
    const racers = [holderProcess(file), holderProcess(file), holderProcess(file)]
    const answers = await Promise.all(racers.map((r) => r.took))
    expect(answers.filter((a) => a.held)).toHaveLength(1)
  }, 30_000)
})
