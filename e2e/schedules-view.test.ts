// The Schedules view in real Chromium through browser mode: create a schedule from the form
// with its preview of the next runs, see it in the list in words, edit it, a bad cron said so,
// pause, resume, run now, delete after the confirmation; the history shows missed occurrences.
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import { pageErrors, startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
beforeAll(async () => {
  wb = await startWorkbench()
  const root = (await wb.call('suites.tree', {}))[0]
  const smoke = await wb.call('suites.create', { name: 'Smoke', parent_id: root.id })
  const test = await wb.call('tests.create', { name: 'Opens the home page', steps: [{ action: 'navigate', value: 'about:blank' }] })
  await wb.call('suites.addTests', { suite_id: smoke.id, test_case_ids: [test.id] })
}, 300_000)
afterAll(() => wb?.close())

const schedulesTable = (page: Page) => page.getByRole('table', { name: 'Schedules' })

describe('the schedules view', () => {
  it('creates a schedule with a preview of the next runs, lists it in words, edits, pauses, runs now and deletes it', async () => {
    const { page, context } = await wb.open('/')
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Schedules' }).click()
    await page.getByText('No schedules yet').waitFor()
    await page.getByRole('button', { name: 'New schedule' }).click()
    await page.getByRole('textbox', { name: 'Schedule name' }).fill('Nightly smoke')
    await page.getByRole('combobox', { name: 'Suite' }).selectOption({ label: 'Smoke' })
    await page.getByRole('combobox', { name: 'Repeat' }).selectOption({ label: 'Every day' })
    await page.getByRole('combobox', { name: 'Time zone' }).selectOption('America/New_York')
    // Across the spring-forward night of 2027 in New York: 02:30 does not exist on 14 March.
    await page.getByLabel('Starting on').fill('2027-03-12')
    await page.getByLabel('At', { exact: true }).fill('02:30')
    const next = page.getByRole('list', { name: 'Next runs' }).getByRole('listitem')
    await expect.poll(() => next.count()).toBe(5)
    await expect.poll(() => page.getByRole('region', { name: 'Next runs' }).textContent()).toMatch(/every day at 02:30/i)
    // Read on the schedule's clock beside this machine's, with the rule the scheduler applies.
    expect(await next.nth(2).textContent()).toMatch(/Mar 14, 2027, 03:00 AM EDT.*02:30 does not exist/)
    await expectAccessible(page, 'the new schedule form')
    await page.getByRole('button', { name: 'Create schedule' }).click()
    await page.getByRole('heading', { name: 'Nightly smoke', level: 1 }).waitFor()

    const [stored] = (await wb.call('schedules.list', {})).items
    expect(stored).toMatchObject({ schedule_name: 'Nightly smoke', suite_path: ['ROOT', 'Smoke'], repeat_type: 'daily', timezone: 'America/New_York', scheduled_datetime: '2027-03-12T07:30:00.000Z', notify_on_failure: true })
    await expectAccessible(page, 'a schedule with its history')

    // A cron expression that is not one: the preview and the save say what is wrong.
    await page.getByRole('combobox', { name: 'Repeat' }).selectOption({ label: 'Custom (cron expression)' })
    await page.getByRole('textbox', { name: 'Cron expression' }).fill('every tuesday')
    await expect.poll(() => page.getByRole('region', { name: 'Next runs' }).textContent()).toMatch(/cron/i)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => page.getByRole('main').getByRole('alert').textContent()).toMatch(/cron_expression/)
    expect((await wb.call('schedules.get', { id: stored.id })).repeat_type).toBe('daily')
    // Weekly on Monday and Friday instead (Friday, the start's weekday, comes checked).
    await page.getByRole('combobox', { name: 'Repeat' }).selectOption({ label: 'Every week, on chosen days' })
    expect(await page.getByRole('checkbox', { name: 'Friday' }).isChecked()).toBe(true)
    await page.getByRole('checkbox', { name: 'Monday' }).check()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(async () => (await wb.call('schedules.get', { id: stored.id })).repeat_days_of_week).toEqual([1, 5])

    await page.getByRole('button', { name: '← All schedules' }).click()
    const row = schedulesTable(page).getByRole('row', { name: /Nightly smoke/ })
    await expect.poll(() => row.getByRole('cell').allTextContents()).toEqual([
      'suite Smoke',
      "Every week on Mon, Fri at 02:30 (America/New_York), from 2027-03-12",
      expect.stringMatching(/2027/),
      'never ran',
      expect.any(String),
    ])
    await expectAccessible(page, 'the schedules list')

    await row.getByRole('button', { name: 'Pause Nightly smoke' }).click()
    await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe('paused')
    await row.getByRole('button', { name: 'Resume Nightly smoke' }).click()
    await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toMatch(/2027/)
    await row.getByRole('button', { name: 'Run now Nightly smoke' }).click()
    await expect.poll(async () => (await wb.call('schedules.history', { id: stored.id })).items.map((e: { trigger: string }) => e.trigger)).toEqual(['manual'])

    await row.getByRole('button', { name: 'Delete Nightly smoke' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete schedule Nightly smoke?' })
    await expectAccessible(page, 'the delete confirmation')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect((await wb.call('schedules.list', {})).total).toBe(1)
    await row.getByRole('button', { name: 'Delete Nightly smoke' }).click()
    await dialog.getByRole('button', { name: 'Delete schedule' }).click()
    await page.getByText('No schedules yet').waitFor()
    expect((await wb.call('schedules.list', {})).total).toBe(0)
    expect(pageErrors(page)).toEqual([])
    await context.close()
  }, 120_000)

  it('shows the occurrences missed while nothing was running in the history', async () => {
    const hour = 3_600_000
    const due = new Date(Math.floor(Date.now() / hour) * hour - 3 * hour).toISOString()
    const schedule = await wb.call('schedules.create', { schedule_name: 'Hourly while away', tags: ['smoke'], scheduled_datetime: due, timezone: 'UTC', repeat_type: 'hourly', next_execution_at: due })
    const { page, context } = await wb.open(`/schedules/${schedule.id}`)
    await page.getByRole('heading', { name: 'Hourly while away', level: 1 }).waitFor()
    await page.getByText('No occurrence yet.').waitFor()
    // The app starts running the schedules, as after the machine was off for three hours.
    wb.core.scheduler.start({ kind: 'test', log: () => undefined })
    try {
      const outcomes = page.getByRole('table', { name: 'History' }).getByRole('row')
      await expect.poll(() => outcomes.filter({ hasText: 'missed' }).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3)
      expect(await outcomes.filter({ hasText: 'missed' }).first().textContent()).toContain('(on time)')
      await expectAccessible(page, 'a history with missed occurrences')
    } finally {
      await wb.core.scheduler.stop()
    }
    await context.close()
  }, 60_000)
})
