// `recorder`: record a test by using the site in a browser. A session opens a browser on a URL
// (into a new test, or into an existing test after a given step, replaying the steps before it
// first), turns what the tester does into steps saved as they come, and streams them as events
// carrying the session id. The steps are ordinary test steps: the panel edits, deletes and
// reorders them while recording through the `steps` namespace.
import { z } from 'zod'
import { Id, Name, Tags } from '../model/common'
import { BrowserName, Target, type TestStep } from '../model/definition'
import { event, method, returns, type Namespace } from './contract'

/** What a click in the recorded page does: record the action, pick its target, or add a check. */
export const RecorderMode = z.enum(['record', 'pick', 'assert_visible', 'assert_text', 'assert_value', 'assert_checked', 'screenshot'])
export type RecorderMode = z.infer<typeof RecorderMode>

const AttributeName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z_][\w.:-]*$/, 'must be an attribute name such as data-testid')
  .max(100)

export const NewRecordedTest = z
  .object({
    /** The project of the new test (default: the default project). */
    project_id: Id.optional(),
    name: Name,
    description: z.string().max(100_000).nullish(),
    tags: Tags.optional(),
    suite_ids: z.array(Id).max(100).optional(),
  })
  .strict()

export const StartRecordingInput = z
  .object({
    /** Where the browser opens: recorded as the first navigate step of a new test. */
    url: z.string().trim().min(1).max(2000).optional(),
    /** Record into this existing test instead of a new one. */
    test_case_id: Id.optional(),
    /**
     * With test_case_id: new steps go after this step, and the steps up to it are replayed in the
     * recording browser first ("record from here"). Omitted: after the last step, replaying all of
     * them. null: before the first step, replaying nothing.
     */
    after_step_id: Id.nullish(),
    /** The test to create when test_case_id is not given (default name: "Recording <date>"). */
    new_test: NewRecordedTest.optional(),
    browser_config_id: Id.optional(),
    /** Base URL and variables for the replay and for relative navigate steps; password fields go into it. */
    environment_id: Id.optional(),
    browser_name: BrowserName.optional(),
    /** Default: headed where there is a display, headless where there is none. */
    headless: z.boolean().optional(),
    /** Start paused: the browser opens (and replays) but nothing is recorded until resume. */
    paused: z.boolean().optional(),
    /** Attributes that hold test ids, best first (default data-testid, data-test-id, data-test, data-qa, data-cy). */
    test_id_attributes: z.array(AttributeName).min(1).max(10).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.test_case_id && input.new_test) ctx.addIssue({ code: 'custom', path: ['new_test'], message: 'give either test_case_id or new_test, not both' })
    if (input.after_step_id !== undefined && !input.test_case_id) ctx.addIssue({ code: 'custom', path: ['after_step_id'], message: 'after_step_id needs the test_case_id it belongs to' })
    if (!input.test_case_id && !input.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'say which URL to open for a new test' })
  })
export type StartRecordingInput = z.infer<typeof StartRecordingInput>

const BySession = z.object({ session_id: Id }).strict()

export const SetModeInput = z.object({ session_id: Id, mode: RecorderMode }).strict()
export const NavigateInput = z.object({ session_id: Id, url: z.string().trim().min(1).max(2000) }).strict()
export const PickInput = z
  .object({
    session_id: Id,
    /** Write the picked target into this step (its target, or a drag's drop target with field options.to). */
    step_id: Id.optional(),
    field: z.enum(['target', 'options.to']).default('target'),
    /** How long to wait for the tester's click (default 5 minutes). */
    timeout_ms: z.number().int().min(1000).max(3_600_000).default(300_000),
  })
  .strict()

export type RecorderStatus = 'starting' | 'replaying' | 'recording' | 'paused' | 'stopped' | 'failed'

export interface RecorderSession {
  id: string
  test_case_id: string
  test_case_name: string
  status: RecorderStatus
  paused: boolean
  mode: RecorderMode
  browser: { name: 'chromium' | 'firefox' | 'webkit'; headless: boolean; version: string | null }
  /** The URL of the window being recorded (null before the first page). */
  url: string | null
  /** Open windows (tabs and popups) of the session's browser. */
  windows: number
  environment_id: string | null
  browser_config_id: string | null
  /** The replay of the steps before the recording point; null when nothing was replayed. */
  replay: { steps: number; status: 'passed' | 'failed'; failed_step: number | null; error: string | null } | null
  /** Steps this session recorded that still exist, in the order they were recorded. */
  step_ids: string[]
  /** Why the session failed or ended by itself (browser closed, crashed). */
  error: string | null
  started_at: string
  stopped_at: string | null
}

export interface RecordedStepEvent {
  session_id: string
  /** added: a new step; updated: a step kept growing (a fill merging keystrokes, a click turned into a fill). */
  change: 'added' | 'updated'
  step: TestStep
  /** From the tester's action in the page to the step saved, in ms. */
  latency_ms: number
}

export interface PickedTarget {
  session_id: string
  target: Target
  /** The strategy of the primary selector and of each alternative (testid, role, label, …). */
  strategies: string[]
  /** Set when the pick was written into a step. */
  step: TestStep | null
}

export const recorder = {
  /** Opens the browser, replays up to the recording point when recording into a test, then records. */
  start: method(StartRecordingInput, returns<RecorderSession>()),
  /** Closes the browser; the steps are already saved. */
  stop: method(BySession, returns<RecorderSession>()),
  pause: method(BySession, returns<RecorderSession>()),
  resume: method(BySession, returns<RecorderSession>()),
  /** What the next click in the page does (the page's toolbar sets it too). */
  setMode: method(SetModeInput, returns<RecorderSession>()),
  /** Opens a URL in the window being recorded (recorded as a navigate step unless paused). */
  navigate: method(NavigateInput, returns<RecorderSession>()),
  /** Waits for the tester to click an element and returns its target with alternatives. */
  pick: method(PickInput, returns<PickedTarget>()),
  cancelPick: method(BySession, returns<RecorderSession>()),
  get: method(BySession, returns<RecorderSession>()),
  /** Sessions of this process, running ones first. */
  list: method(z.object({}).strict().default({}), returns<RecorderSession[]>()),
  /** A step was recorded or grew. */
  onStep: event<RecordedStepEvent>({ filters: { session_id: (p) => p.session_id } }),
  /** The session changed: status, paused, mode, URL, windows. */
  onState: event<RecorderSession>({ filters: { session_id: (p) => p.id }, latestBy: (p) => p.id }),
  /** The tester picked an element. */
  onPick: event<PickedTarget>({ filters: { session_id: (p) => p.session_id } }),
} satisfies Namespace
