// The reporter multiplexer: every reporter hears every hook it has, in order, and one that throws
// is logged without keeping the others from hearing.
import { describe, expect, it } from 'vitest'
import type { StepProgress } from '../../shared/model/progress'
import { RunReporters, type RunReporter } from './reporter'

const step: StepProgress = {
  run_id: 'r',
  item_id: 'i',
  step_number: 1,
  total_steps: 2,
  action: 'click',
  description: null,
  status: 'running',
  duration_ms: null,
  error_message: null,
  healed_selector: null,
}

describe('run reporters', () => {
  it('tell each reporter in order, and a throwing one is logged and skipped', () => {
    const heard: string[] = []
    const logged: string[] = []
    const broken: RunReporter = {
      name: 'broken',
      onStepBegin: () => {
        throw new Error('disk full')
      },
    }
    const first: RunReporter = { name: 'first', onStepBegin: (s) => heard.push(`first ${s.step_number}`) }
    const last: RunReporter = { name: 'last', onStepBegin: (s) => heard.push(`last ${s.step_number}`), onStepEnd: (s) => heard.push(`last end ${s.status}`) }
    const reporters = new RunReporters([first, broken, last], (message, error) => logged.push(`${message}: ${(error as Error).message}`))
    reporters.tell('onStepBegin', step)
    reporters.tell('onStepEnd', { ...step, status: 'passed' })
    expect(heard).toEqual(['first 1', 'last 1', 'last end passed'])
    expect(logged).toEqual(["run reporter 'broken' failed in onStepBegin: disk full"])
  })

  it('add a reporter after the others and remove it again', () => {
    const heard: string[] = []
    const reporters = new RunReporters([{ name: 'fixed', onStepBegin: () => heard.push('fixed') }])
    const remove = reporters.add({ name: 'cli', onStepBegin: () => heard.push('cli') })
    reporters.tell('onStepBegin', step)
    remove()
    remove()
    reporters.tell('onStepBegin', step)
    expect(heard).toEqual(['fixed', 'cli', 'fixed'])
  })
})
