// Takes the README's screenshot of the healing review: two demo-site tests whose selectors were
// renamed heal in a run, and the review lists them. Browser mode in real Chromium, written to
// docs/screenshots/. Run with `npx tsx scripts/healing-screenshots.ts`.
import { join } from 'node:path'
import { startWorkbench } from '../e2e/support/workbench'

const OUT = join(import.meta.dirname, '../docs/screenshots')

const wb = await startWorkbench({ execution: 'browser', demo: true })
try {
  const [environment] = (await wb.call('environments.list', {})).items
  const login = await wb.call('tests.create', {
    name: 'Login: after the form was redesigned',
    environment_id: environment.id,
    steps: [
      { action: 'navigate', value: 'login.html' },
      { action: 'fill', target: { selector: '#email-old', alternatives: ['testid=login-username'] }, value: 'demo@testdesk.dev' },
      { action: 'fill', target: { selector: '#pass', alternatives: ['testid=login-password'] }, value: 'secret123' },
    ],
  })
  for (let i = 0; i < 2; i++) {
    const run = await wb.call('runs.create', { run_name: `Nightly ${i + 1}`, test_case_ids: [login.id] })
    await wb.call('runs.start', { id: run.id })
    for (let t = 0; t < 600 && (await wb.call('runs.get', { id: run.id })).status !== 'completed'; t++) await new Promise((r) => setTimeout(r, 100))
  }
  const { page } = await wb.open('/runs/healings')
  await page.setViewportSize({ width: 1280, height: 640 })
  await page.getByRole('listitem', { name: 'Login: after the form was redesigned, step 2' }).waitFor()
  await page.getByRole('listitem', { name: 'Login: after the form was redesigned, step 3' }).getByRole('button', { name: 'Accept as primary selector' }).click()
  await page.getByText('Accepted: the step now uses').waitFor()
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(OUT, 'healing-review.png') })
  console.log(`Wrote the screenshot to ${OUT}`)
} finally {
  await wb.close()
}
