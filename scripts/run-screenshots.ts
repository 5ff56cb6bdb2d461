// Takes the README's screenshots of the running half: a run of demo tests watched live, and the
// failing test's result, in browser mode in real Chromium, written to docs/screenshots/.
// Run with `npx tsx scripts/run-screenshots.ts`.
import { join } from 'node:path'
import { DEMO_FAILING_TEST } from '../src/main/demo/demo-project'
import { startWorkbench } from '../e2e/support/workbench'

const OUT = join(import.meta.dirname, '../docs/screenshots')
const TESTS = [DEMO_FAILING_TEST, 'Smoke: demo user can sign in', 'Todos: add items and count them', 'Todos: complete an item', 'Widgets: delayed content appears', 'Table: sort by name', 'Login: wrong password shows an error']

const wb = await startWorkbench({ execution: 'browser', demo: true })
try {
  const { page } = await wb.open('/runs/new')
  await page.setViewportSize({ width: 1440, height: 900 })
  const form = page.getByRole('form', { name: 'New run' })
  await form.waitFor()
  await form.getByRole('textbox', { name: 'Run name' }).fill('Nightly smoke')
  for (const name of TESTS) {
    await form.getByRole('searchbox', { name: 'Filter tests' }).fill(name)
    await form.getByRole('group', { name: 'Tests' }).getByRole('checkbox', { name }).check()
  }
  await form.getByRole('searchbox', { name: 'Filter tests' }).fill('')
  await form.getByRole('spinbutton', { name: 'Workers (1-10)' }).fill('2')
  await form.getByRole('spinbutton', { name: 'Retries (0-10)' }).fill('1')
  await page.screenshot({ path: join(OUT, 'run-builder.png') })
  await form.getByRole('button', { name: 'Start run' }).click()
  const progress = page.getByRole('progressbar', { name: 'Tests finished' })
  await progress.waitFor()
  // Live: once a few tests finished and two are running.
  for (let i = 0; i < 600; i++) {
    const done = Number(await progress.getAttribute('aria-valuenow'))
    if (done >= 3 && (await page.getByTestId('worker-step').count()) === 2) break
    await page.waitForTimeout(100)
  }
  await page.screenshot({ path: join(OUT, 'live-run.png') })
  await page.getByTestId('run-outcome').filter({ hasText: /^Completed/ }).waitFor({ timeout: 300_000 })
  await page.getByRole('button', { name: DEMO_FAILING_TEST }).click()
  await page.getByRole('table', { name: /^Checkpoint / }).waitFor()
  await page.getByRole('img', { name: /^Screenshot of step/ }).waitFor()
  await page.waitForTimeout(500)
  await page.screenshot({ path: join(OUT, 'result-viewer.png') })
  console.log(`Wrote the screenshots to ${OUT}`)
} finally {
  await wb.close()
}
