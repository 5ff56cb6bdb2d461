// `npm run bench:interop`: how much of each Selenium IDE and DevTools Recorder fixture converts
// to TestDesk steps, and whether the demo suite exported to Playwright Test gives the same verdict
// per test as `testdesk run`. Times: the Playwright run against the anchor, `testdesk run` of the
// same tests in the same session.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { runTestdesk, startTestdesk, tempDataDir } from '../e2e/support/cli'
import { INTEROP_FIXTURES, playwrightVerdicts, runPlaywright, testdeskVerdicts } from '../e2e/support/interop'
import { stableId } from '../src/main/core/interop'
import { DEMO_SECRETS } from '../src/main/demo/demo-project'
import { convertRecording } from '../src/shared/interop/recording'
import { convertSide } from '../src/shared/interop/side'

const project = { id: stableId('bench'), name: 'Bench', description: null }
const percent = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(1) : '0.0'}%`

console.log('Commands converted, per fixture')
let commands = 0
let converted = 0
for (const name of readdirSync(INTEROP_FIXTURES).sort()) {
  const raw = JSON.parse(readFileSync(join(INTEROP_FIXTURES, name), 'utf8'))
  const conversion = name.endsWith('.side') ? convertSide(raw, project, stableId, name) : convertRecording(raw, project, stableId, name)
  commands += conversion.counts.commands
  converted += conversion.counts.converted
  console.log(`  ${name.padEnd(32)} ${String(conversion.counts.converted).padStart(3)} of ${String(conversion.counts.commands).padStart(3)}  ${percent(conversion.counts.converted, conversion.counts.commands)}`)
}
console.log(`  ${'all fixtures'.padEnd(32)} ${String(converted).padStart(3)} of ${String(commands).padStart(3)}  ${percent(converted, commands)}`)

const site = startTestdesk(['demo-site'])
try {
  const siteUrl = (await site.waitFor(/Demo site: (http:\/\/\S+)/))[1]
  const dataDir = tempDataDir()
  await runTestdesk(['demo', '--data-dir', dataDir])
  const out = mkdtempSync(join(tmpdir(), 'td-bench-pw-'))
  const exported = await runTestdesk(['export-playwright', '--suite', 'Demo', '-o', out, '--data-dir', dataDir])
  if (exported.code !== 0) throw new Error(exported.stderr)

  let start = performance.now()
  const run = await runTestdesk(['run', '--suite', 'Demo', '--trace', 'off', '--data-dir', dataDir], {}, 1_800_000)
  const testdeskMs = performance.now() - start
  start = performance.now()
  const env = { DEMO_SITE_BASE_URL: siteUrl, PASSWORD: DEMO_SECRETS.environment.password, DEMO_ACCOUNTS_PASSWORD_1: DEMO_SECRETS.accounts[0], DEMO_ACCOUNTS_PASSWORD_2: DEMO_SECRETS.accounts[1] }
  await runPlaywright(out, ['--trace', 'off'], env, 1_800_000)
  const playwrightMs = performance.now() - start

  const td = testdeskVerdicts(run.stdout)
  const pw = playwrightVerdicts(join(out, 'results.json'))
  const names = [...td.keys()]
  const agree = names.filter((name) => pw.get(name) === td.get(name))
  console.log('\nExported demo suite: verdict per test, Playwright Test against testdesk run')
  for (const name of names.filter((n) => pw.get(n) !== td.get(n))) console.log(`  differs: ${name}: testdesk ${td.get(name)}, playwright ${pw.get(name) ?? 'missing'}`)
  console.log(`  agreement: ${agree.length} of ${names.length} tests (${percent(agree.length, names.length)}); failing in both: ${names.filter((n) => td.get(n) === 'failed' && pw.get(n) === 'failed').join(', ') || 'none'}`)
  console.log(`  testdesk run (anchor): ${(testdeskMs / 1000).toFixed(1)} s; npx playwright test: ${(playwrightMs / 1000).toFixed(1)} s; ratio ${(playwrightMs / testdeskMs).toFixed(2)}`)
} finally {
  await site.stop()
}
