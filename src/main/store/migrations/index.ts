// Every migration, in order. Adding one is a new file plus one line here.
import { initial } from './0010-initial'
import { historyCoveringIndex } from './0020-history-covering-index'
import { suiteTestPositionIndex } from './0030-suite-test-position-index'
import { schedulerAndLeases } from './0050-scheduler-and-leases'
import { versionsAndRevisions } from './0060-versions-and-revisions'
import { visualBaselines } from './0080-visual-baselines'
import { suiteHooks } from './0090-suite-hooks'
import { scriptRuns } from './0100-script-runs'
import { healingsAndRunPresets } from './0110-healings-and-run-presets'
import { syncOutboxTriggers } from './0120-sync-outbox-triggers'
import type { Migration } from './types'

export const migrations: readonly Migration[] = [initial, historyCoveringIndex, suiteTestPositionIndex, schedulerAndLeases, versionsAndRevisions, visualBaselines, suiteHooks, scriptRuns, healingsAndRunPresets, syncOutboxTriggers]
