// `testdesk schedules …` as a separate process: JSON and text output, the next runs in both
// clocks, pause/resume/remove by name, history, SMTP settings with the password from stdin, and
// bad usage (exit 2, the flag named, nothing stored).
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { BIN, runTestdesk, tempDataDir } from '../../../e2e/support/cli'

async function ok(args: string[]) {
  const result = await runTestdesk(args)
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0)
  return result
}

function withStdin(args: string[], input: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.on('close', (code) => resolve({ code, stdout }))
    child.stdin.end(input)
  })
}

describe('testdesk schedules', () => {
  it('adds, lists, shows, pauses, resumes and removes schedules by name', async () => {
    const dataDir = tempDataDir()
    const d = ['--data-dir', dataDir]
    await ok(['demo', ...d])
    const added = JSON.parse(
      (await ok(['schedules', 'add', '--name', 'Nightly', '--suite', 'Demo', '--every', 'day', '--at', '2030-03-09 02:30', '--timezone', 'America/New_York', '--workers', '2', '--missed', 'run-once', '--json', ...d])).stdout,
    )
    expect(added.schedule).toMatchObject({
      schedule_name: 'Nightly',
      suite_path: ['ROOT', 'Demo'],
      repeat_type: 'daily',
      timezone: 'America/New_York',
      scheduled_datetime: '2030-03-09T07:30:00.000Z',
      next_execution_at: '2030-03-09T07:30:00.000Z',
      parallel_count: 2,
      missed_policy: 'run_once',
      report_formats: ['html'],
      description: 'Every day at 02:30 (America/New_York), from 2030-03-09',
    })
    // 2030-03-10 is the spring-forward day in New York: shown with its note.
    expect(added.next[1]).toMatchObject({ schedule_time: '2030-03-10T03:00:00-04:00', note: expect.stringContaining('02:30 does not exist on 2030-03-10') })
    const text = (await ok(['schedules', 'list', ...d])).stdout
    expect(text).toMatch(/NAME\s+STATUS\s+NEXT RUN \(THIS COMPUTER\)\s+IN ITS ZONE/)
    expect(text).toMatch(/Nightly\s+active\s+2030-03-09 \S+ [+-]\d\d:\d\d\s+2030-03-09 02:30 -05:00/)
    expect(text).toContain('Nothing runs the schedules now')
    expect((await ok(['schedules', 'show', 'Nightly', ...d])).stdout).toContain('Missed runs: run the latest once at start; overlap: skip')
    expect((await ok(['schedules', 'pause', 'Nightly', ...d])).stdout).toContain('Nightly paused')
    const listed = JSON.parse((await ok(['schedules', 'list', '--status', 'paused', '--json', ...d])).stdout)
    expect(listed.items.map((s: { schedule_name: string }) => s.schedule_name)).toEqual(['Nightly'])
    expect((await ok(['schedules', 'resume', 'Nightly', ...d])).stdout).toMatch(/Nightly resumed; next run/)
    const history = JSON.parse((await ok(['schedules', 'history', 'Nightly', '--json', ...d])).stdout)
    expect(history).toMatchObject({ items: [], total: 0 })
    expect((await ok(['schedules', 'remove', 'Nightly', ...d])).stdout).toContain('Schedule "Nightly" removed')
    expect(JSON.parse((await ok(['schedules', 'list', '--json', ...d])).stdout).total).toBe(0)
  }, 300_000)

  it('previews without saving, every few minutes and by cron', async () => {
    const dataDir = tempDataDir()
    const d = ['--data-dir', dataDir]
    await ok(['demo', ...d])
    const preview = JSON.parse((await ok(['schedules', 'add', '--name', 'Often', '--tag', 'smoke', '--every', '15 minutes', '--at', '2030-01-01T00:00:00Z', '--dry-run', '--json', ...d])).stdout)
    expect(preview.occurrences.map((o: { at: string }) => o.at.slice(11, 16))).toEqual(['00:00', '00:15', '00:30', '00:45', '01:00'])
    const cron = JSON.parse((await ok(['schedules', 'add', '--name', 'Weekdays', '--tag', 'smoke', '--cron', '0 9 * * 1-5', '--timezone', 'Europe/Berlin', '--at', '2030-01-04 00:00', '--dry-run', '--json', ...d])).stdout)
    expect(cron.occurrences.map((o: { schedule_time: string }) => o.schedule_time)).toEqual([
      '2030-01-04T09:00:00+01:00',
      '2030-01-07T09:00:00+01:00',
      '2030-01-08T09:00:00+01:00',
      '2030-01-09T09:00:00+01:00',
      '2030-01-10T09:00:00+01:00',
    ])
    expect(JSON.parse((await ok(['schedules', 'list', '--json', ...d])).stdout).total).toBe(0)
  }, 120_000)

  it('stores the SMTP password from stdin and never shows it', async () => {
    const dataDir = tempDataDir()
    const result = await withStdin(['schedules', 'smtp', '--host', 'mail.example.com', '--user', 'qa', '--from', 'qa@example.com', '--password-stdin', '--json', '--data-dir', dataDir], 'sm7p-s3cret\n')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ run_in_background: false, smtp: { host: 'mail.example.com', port: 587, secure: false, user: 'qa', password_set: true, from: 'qa@example.com' } })
    expect(result.stdout).not.toContain('sm7p-s3cret')
  }, 60_000)

  it('refuses bad usage with exit 2, naming what was wrong, and stores nothing', async () => {
    const dataDir = tempDataDir()
    const d = ['--data-dir', dataDir]
    await ok(['demo', ...d])
    const cases: [string[], string][] = [
      [['schedules', 'add', '--name', 'X', '--every', 'day'], 'say what to run: --suite PATH, --test NAME or --tag TAG'],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--every', 'fortnight'], "--every: 'fortnight' is not a period"],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--every', '7 minutes'], 'every 7 minutes would not keep the same minutes each hour'],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--every', '5 hours'], 'repeat_interval: every 5 hours would run at different times each day'],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--cron', '99 * * * *'], 'cron_expression: not a cron expression croner can read'],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--at', 'tomorrow-ish'], "--at: 'tomorrow-ish' is not a time"],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--every', 'day', '--at', '2030-03-31 02:30', '--timezone', 'Europe/Berlin'], '--at: 2030-03-31 02:30 does not exist in Europe/Berlin'],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--at', '2020-01-01T00:00:00Z'], 'scheduled_datetime: 2020-01-01T00:00:00.000Z is in the past'],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--timezone', 'Mars/Olympus', '--every', 'day'], 'timezone: must be an IANA time zone'],
      [['schedules', 'add', '--name', 'X', '--suite', 'Nowhere', '--every', 'day'], 'Nowhere'],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--every', 'week', '--days', 'mon,funday'], "--days: 'funday' is not a day of the week"],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--webhook', 'ftp://example.com/hook'], 'webhook_url: must be an http:// or https:// URL'],
      [['schedules', 'pause', 'No such schedule'], "No schedule named 'No such schedule'"],
      [['schedules', 'add', '--name', 'X', '--suite', 'Demo', '--missed', 'panic'], "argument 'panic' is invalid"],
    ]
    for (const [args, message] of cases) {
      const result = await runTestdesk([...args, ...d])
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr, args.join(' ')).toContain(message)
    }
    expect(JSON.parse((await ok(['schedules', 'list', '--json', ...d])).stdout).total).toBe(0)
  }, 400_000)
})
