// Takes the README's screenshots of the recorder panel, the Schedules view and the project
// switcher: the demo project in browser mode, in real Chromium, the recording browser headless
// on the demo site. Written to docs/screenshots/. Run with `npx tsx scripts/panel-screenshots.ts`.
import { join } from 'node:path'
import { seedDemo } from '../src/main/core/demo'
import { startDemoSite } from '../src/main/demosite/server'
import { startWorkbench } from '../e2e/support/workbench'

const OUT = join(import.meta.dirname, '../docs/screenshots')

const [wb, site] = await Promise.all([startWorkbench(), startDemoSite()])
try {
  seedDemo(wb.core.context.store)
  await wb.call('projects.create', { name: 'Web shop' })
  const { page } = await wb.open('/')
  await page.setViewportSize({ width: 1440, height: 900 })
  const sections = page.getByRole('navigation', { name: 'Sections' })

  // The recorder panel, a few actions into a recording of the demo site's sign-in.
  await sections.getByRole('link', { name: 'Recorder' }).click()
  await page.getByRole('textbox', { name: 'Test name' }).fill('Sign in and see the dashboard')
  await page.getByRole('textbox', { name: /URL to open/ }).fill(`${site.url}login.html`)
  await page.getByRole('checkbox', { name: /Without a window/ }).check()
  await page.getByRole('button', { name: 'Start recording' }).click()
  await page.waitForURL(/\/recorder\/.+/)
  const session = wb.core.recorder.session(new URL(page.url()).pathname.split('/')[2])
  while (!session.page?.url().includes('login.html')) await new Promise((r) => setTimeout(r, 100))
  const demo = session.page
  await demo.getByLabel('Email').pressSequentially('demo@testdesk.dev')
  await demo.getByLabel('Password').pressSequentially('secret123')
  await demo.getByText('Remember me').click()
  await demo.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('listitem', { name: /Click 'login-submit'/ }).waitFor()
  await page.waitForTimeout(500)
  await page.screenshot({ path: join(OUT, 'recorder.png') })
  await page.getByRole('button', { name: 'Stop recording' }).click()
  await page.getByRole('button', { name: 'Open the test' }).waitFor()

  // A schedule of the demo suite, its form with the next runs across a clock change.
  const schedule = await wb.call('schedules.create', {
    schedule_name: 'Nightly demo regression',
    suite_path: ['ROOT', 'Demo'],
    scheduled_datetime: '2027-03-12T07:30:00Z',
    timezone: 'America/New_York',
    repeat_type: 'daily',
    notify_on_failure: true,
    notification_emails: ['qa@example.com'],
  })
  await wb.call('schedules.create', { schedule_name: 'Smoke every 4 hours', tags: ['smoke'], scheduled_datetime: new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000).toISOString(), timezone: 'Europe/Berlin', repeat_type: 'custom', repeat_interval: 4, repeat_unit: 'hours' })
  await sections.getByRole('link', { name: 'Schedules' }).click()
  await page.getByRole('table', { name: 'Schedules' }).waitFor()
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(OUT, 'schedules.png') })
  await page.getByRole('link', { name: schedule.schedule_name }).click()
  await page.getByRole('list', { name: 'Next runs' }).getByRole('listitem').nth(4).waitFor()
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(OUT, 'schedule-form.png') })

  // The project switcher.
  await page.getByTestId('project-name').click()
  await page.getByRole('dialog', { name: 'Projects' }).getByRole('row', { name: /^Web shop/ }).waitFor()
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(OUT, 'projects.png') })
  console.log(`Wrote the screenshots to ${OUT}`)
} finally {
  await wb.close()
  await site.close()
}
