// `testdesk record`: records a test by using the site in a browser (headed on a desktop), printing
// each step as it is saved; Ctrl+C or closing the browser ends it. The steps are saved as they
// come, so an interrupted recording keeps everything recorded so far.
import type { Command } from 'commander'
import type { RecordedStepEvent, RecorderSession } from '../../../shared/api/recorder'
import { describeStep } from '../../../shared/steps'
import { suitePathFlag } from '../format'
import { createOutput, intFlag, usageError, type GlobalOptions } from '../output'
import { findTestByName, invoke, projectOf, projectOption, withCore } from '../session'
import { findEnvironment } from './run'

interface RecordFlags {
  test?: string
  after?: string
  suite?: string
  env?: string
  browser?: 'chromium' | 'firefox' | 'webkit'
  headless?: boolean
  project?: string
}

export function registerRecord(program: Command): void {
  program
    .command('record')
    .argument('[url]', 'the page to open (required for a new test)')
    .description('Record a test by using the site in a browser; steps are saved as you go (Ctrl+C or close the browser to finish)')
    .option('--test <name>', 'record into this test (after its last step, replayed first), or create it')
    .option('--after <n>', 'with an existing --test: record after step N (its steps up to N are replayed first; 0 = at the start)')
    .option('--suite <path>', 'suite of a new test, like Regression/Smoke')
    .option('--env <name>', 'environment: base URL and variables for the replay; password fields are stored in it')
    .option('--browser <name>', 'chromium (default), firefox or webkit')
    .option('--headless', 'no browser window (default where there is no display)')
    .addOption(projectOption('the project of the test'))
    .action(async (url: string | undefined, flags: RecordFlags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!options.json)
      await withCore(options, async (core) => {
        const projectId = (await projectOf(core, flags.project)).id
        const existing = flags.test ? await findTestByName(core, flags.test, projectId) : null
        const after = intFlag('after', flags.after, 0, 5000)
        if (after !== undefined && !existing) throw usageError(`--after needs an existing test: no test named '${flags.test ?? ''}'`)
        if (!existing && !url) throw usageError('Give the URL to open, e.g. testdesk record https://example.com --test "Sign in"')
        const steps = existing ? (await invoke(core, 'tests.get', { id: existing.id })).steps : []
        if (after !== undefined && after > steps.length) throw usageError(`--after ${after}: '${existing!.name}' has ${steps.length} steps`)
        const suite = flags.suite ? await invoke(core, 'suites.byPath', { project_id: projectId, path: suitePathFlag(flags.suite) }) : null
        const environmentId = flags.env ? await findEnvironment(core, flags.env, projectId) : undefined

        const saved = new Map<string, RecordedStepEvent['step']>()
        let ended: (session: RecorderSession) => void = () => undefined
        const finished = new Promise<RecorderSession>((resolve) => (ended = resolve))
        let sessionId: string | null = null
        // Steps recorded while recorder.start is still opening the page come before its id is known.
        const early: RecordedStepEvent[] = []
        const show = (event: RecordedStepEvent) => {
          saved.set(event.step.id, event.step)
          if (event.change === 'added') out.note(`+ ${describeStep(event.step)}`)
        }
        const unsubscribe = core.events.subscribe((name, payload) => {
          if (name === 'recorder.onStep') {
            const event = payload as RecordedStepEvent
            if (sessionId === null) early.push(event)
            else if (event.session_id === sessionId) show(event)
          }
          if (name === 'recorder.onState') {
            const state = payload as RecorderSession
            if (state.id === sessionId && state.status === 'stopped') ended(state)
          }
        })
        try {
          const session = await invoke(core, 'recorder.start', {
            url,
            ...(existing
              ? { test_case_id: existing.id, ...(after !== undefined ? { after_step_id: after === 0 ? null : steps[after - 1].id } : {}) }
              : { new_test: { project_id: projectId, name: flags.test ?? `Recording ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`, ...(suite ? { suite_ids: [suite.id] } : {}) } }),
            environment_id: environmentId,
            browser_name: flags.browser,
            ...(flags.headless ? { headless: true } : {}),
          })
          sessionId = session.id
          for (const event of early) if (event.session_id === session.id) show(event)
          if (session.replay) out.note(`Replayed ${session.replay.steps} steps: ${session.replay.status}${session.replay.error ? ` (${session.replay.error})` : ''}`)
          out.note(`Recording '${session.test_case_name}' in ${session.browser.name}${session.browser.headless ? ' (headless)' : ''}. Press Ctrl+C to finish.`)
          const stop = () => void invoke(core, 'recorder.stop', { session_id: session.id }).catch(() => undefined)
          process.once('SIGINT', stop)
          process.once('SIGTERM', stop)
          const final = await finished
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          const recorded = final.step_ids.map((id) => saved.get(id)).filter((s) => !!s)
          out.result({ session: final, steps: recorded })
          out.line(`Recorded ${recorded.length} step${recorded.length === 1 ? '' : 's'} into '${final.test_case_name}':`)
          for (const step of (await invoke(core, 'tests.get', { id: final.test_case_id })).steps) {
            out.line(`${String(step.position + 1).padStart(3)}. ${describeStep(step)}`)
          }
          out.line(`Replay it with: testdesk run --test ${JSON.stringify(final.test_case_name)}`)
        } finally {
          unsubscribe()
        }
      })
    })
}
