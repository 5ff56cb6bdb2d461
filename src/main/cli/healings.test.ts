// `testdesk healings`: lists the pending healed selectors with their ids, accepts one into its
// step, refuses a decided one with exit 1 and a message, and dismisses.
import { describe, expect, it } from 'vitest'
import { runTestdesk, tempDataDir } from '../../../e2e/support/cli'
import { openCore } from '../core'
import { call } from '../testing/fixture-runs'
import { healedRun, healedStep, stepOutcome } from '../testing/healed-runs'

describe('testdesk healings', () => {
  it('lists, accepts, refuses a second decision and dismisses', async () => {
    const dataDir = tempDataDir()
    const core = await openCore({ dataDir, execution: 'manual' })
    const steps = [
      { action: 'navigate', value: 'http://localhost/login.html' },
      { action: 'fill', target: { selector: '#email-old', alternatives: ['label=Email'] }, value: 'a@b.c' },
      { action: 'click', target: { selector: '#go-old', alternatives: ['role=button[name="Sign in"]'] } },
    ]
    const test = await call(core, 'tests.create', { name: 'Sign in', steps })
    await healedRun(core, test.id, [stepOutcome(1), healedStep(2, '#email-old', 'label=Email'), healedStep(3, '#go-old', 'role=button[name="Sign in"]')])
    await core.close()
    const dir = ['--data-dir', dataDir]

    const listed = await runTestdesk(['healings', ...dir])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/Sign in\s+2\s+#email-old\s+label=Email\s+1\s+Run_001/)
    const { items } = JSON.parse((await runTestdesk(['healings', 'list', '--json', ...dir])).stdout)
    const email = items.find((h: any) => h.step_number === 2)
    const button = items.find((h: any) => h.step_number === 3)

    const accepted = await runTestdesk(['healings', 'accept', email.id, ...dir])
    expect(accepted.code).toBe(0)
    expect(accepted.stdout).toContain('Step 2 now uses label=Email; #email-old is kept as a fallback')
    const again = await runTestdesk(['healings', 'accept', email.id, ...dir])
    expect(again.code).not.toBe(0)
    expect(again.stderr).toContain('This healing was accepted already')
    expect((await runTestdesk(['healings', 'dismiss', button.id, ...dir])).stdout).toContain('Dismissed: step 3 keeps #go-old')
    expect((await runTestdesk(['healings', '--status', 'accepted', '--json', ...dir])).stdout).toContain('"healed_selector": "label=Email"')
    expect((await runTestdesk(['healings', ...dir])).stdout).toContain('No pending healings')
  }, 120_000)
})
