// A careless tester's day: an environment secret and a secret data column, with quotes, spaces
// and non-ASCII, typed by a failing test through a URL, a form, fetch, base64, the console and
// dialogs, with every screenshot, the trace and every report kept. Then everything TestDesk wrote
// (every table but the two that store secrets, every artifact with trace archives unzipped, every report, every command's
// output) is searched for every spelling of both secrets: none may be found.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore } from '../src/main/core'
import { startDemoSite, type DemoSiteServer } from '../src/main/demosite/server'
import { SECRET_MASK } from '../src/shared/secret-mask'
import { runTestdesk, tempDataDir, type CliResult } from './support/cli'
import { secretJourney } from './support/secret-journey'
import { spellingsIn } from './support/secret-spellings'

const PASSWORD = `Pw!x'y (z)~"é€ S3cret_A1`
const TOKEN = `tök 'n' <b>&amp; 42+/=`
const SECRETS = [PASSWORD, TOKEN]

let site: DemoSiteServer
beforeAll(async () => {
  site = await startDemoSite()
})
afterAll(async () => {
  await site?.close()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** A file as texts to search: archives unpacked entry by entry; binary read byte for byte too. */
function textsOf(path: string): Record<string, string> {
  const bytes = readFileSync(path)
  if (path.endsWith('.zip')) {
    return Object.fromEntries(Object.entries(unzipSync(bytes)).flatMap(([name, data]) => Object.entries(textsOfBytes(`${path}!${name}`, Buffer.from(data)))))
  }
  return textsOfBytes(path, bytes)
}

function textsOfBytes(name: string, bytes: Buffer): Record<string, string> {
  return { [`${name} (utf8)`]: bytes.toString('utf8'), [`${name} (bytes)`]: bytes.toString('latin1') }
}

/** The HTML report's embedded data, unpacked as its viewer does. */
function reportData(html: string): string {
  return [...html.matchAll(/<script type="application\/octet-stream" id="(report-[a-z]+)">([^<]*)</g)]
    .map((match) => gunzipSync(Buffer.from(match[2], 'base64')).toString('utf8'))
    .join('\n')
}

describe('secrets in a kept, reported, failing run', () => {
  it('appear in no spelling anywhere: database, artifacts, trace, reports, command output', async () => {
    const dataDir = tempDataDir('td-secrets-')
    // Set up as the UI would: through the contract (secret values are never in project files).
    const core = await openCore({ dataDir })
    const call = async (name: string, input: unknown) => {
      const reply = await core.dispatcher.call(name, input, { transport: 'direct' })
      if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`)
      return reply.value as { id: string }
    }
    await call('environments.create', { name: 'Secure', base_url: site.url, variables: [{ name: 'password', value: PASSWORD, is_secret: true }] })
    const data = await call('dataSets.create', { name: 'Tokens', columns: [{ name: 'token', secret: true }], rows: [{ values: { token: TOKEN } }] })
    await call('tests.create', { name: 'Secret journey', data_set_id: data.id, steps: secretJourney(['password', 'token']) })
    await core.close()

    const reports = join(dataDir, 'reports')
    const outputs: Record<string, CliResult> = {}
    const cli = async (name: string, args: string[]) => (outputs[name] = await runTestdesk([...args, '--data-dir', dataDir], {}, 300_000))
    const run = await cli('run', ['run', '--test', 'Secret journey', '--env', 'Secure', '--screenshots', 'every-step', '--report', 'html,junit,json', '--out', reports])
    expect(run.code, run.stderr).toBe(1)
    await cli('show', ['show', '1'])
    await cli('show --json', ['show', '1', '--json'])
    await cli('runs --json', ['runs', '--json'])
    await cli('history', ['history', 'Secret journey'])
    await cli('history --json', ['history', 'Secret journey', '--json'])
    await cli('report json', ['report', '1', '--format', 'json', '-o', join(reports, 'again.json')])
    await cli('export', ['export'])
    await cli('tests --json', ['tests', '--json'])
    for (const [name, result] of Object.entries(outputs)) expect(result.code, `${name}: ${result.stderr}`).toBeLessThanOrEqual(1)

    const texts: Record<string, string> = {}
    for (const [name, result] of Object.entries(outputs)) texts[`testdesk ${name}`] = result.stdout + result.stderr
    const db = new Database(join(dataDir, 'testdesk.db'), { readonly: true })
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    // Where secrets are stored (their storage is the point) is all that may hold them.
    const storage = new Set(['environment_variables', 'test_data_rows'])
    for (const { name } of tables) if (!storage.has(name)) texts[`table ${name}`] = JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())
    const stepRows = db.prepare('SELECT playwright_code FROM test_step_results').all() as { playwright_code: string | null }[]
    db.close()
    for (const path of filesUnder(join(dataDir, 'artifacts'))) Object.assign(texts, textsOf(path))
    for (const path of filesUnder(reports)) Object.assign(texts, textsOf(path))
    const html = readFileSync(join(reports, 'report.html'), 'utf8')
    texts['report.html data'] = reportData(html)

    // The journey really ran: masks stand where the secrets were, the trace was kept.
    expect(stepRows.map((r) => r.playwright_code)).toContain(`await page.locator('#field').fill('${SECRET_MASK}|${SECRET_MASK}');`)
    expect(texts['report.html data']).toContain(SECRET_MASK)
    expect(Object.keys(texts).some((name) => name.includes('.zip!trace.trace'))).toBe(true)
    expect(texts['testdesk show']).toContain(SECRET_MASK)

    const hits = Object.entries(texts).flatMap(([name, text]) => spellingsIn(text, SECRETS).map((hit) => `${name}: ${hit}`))
    expect(hits).toEqual([])
  }, 400_000)
})
