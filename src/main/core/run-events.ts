// The reporter that publishes a run's progress, tests and steps as contract events
// (runs.onProgress, runs.onItem, runs.onStep) for the UI and every other subscriber.
import type { Api } from '../../shared/api'
import type { RunReporter } from '../runner/reporter'
import type { EventBus } from './events'

export function publishRunEvents(events: EventBus<Api>): RunReporter {
  return {
    name: 'publish events',
    onRunProgress: (progress) => events.emit('runs.onProgress', progress),
    onTestBegin: (item) => events.emit('runs.onItem', item),
    onTestEnd: (item) => events.emit('runs.onItem', item),
    onStepBegin: (step) => events.emit('runs.onStep', step),
    onStepEnd: (step) => events.emit('runs.onStep', step),
  }
}
