// The `recorder` namespace over the recorder's sessions.
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import type { Recorder } from '../recorder'

export function recorderNamespace(recorder: Recorder): Implementation<Api>['recorder'] {
  return {
    start: (input) => recorder.start(input),
    stop: ({ session_id }) => recorder.session(session_id).stop(),
    pause: ({ session_id }) => recorder.session(session_id).setPaused(true),
    resume: ({ session_id }) => recorder.session(session_id).setPaused(false),
    setMode: ({ session_id, mode }) => recorder.session(session_id).setMode(mode),
    navigate: ({ session_id, url }) => recorder.session(session_id).navigate(url),
    pick: (input) => recorder.pick(input),
    cancelPick: ({ session_id }) => {
      const session = recorder.session(session_id)
      session.cancelPick()
      return session.info()
    },
    get: ({ session_id }) => recorder.session(session_id).info(),
    list: () => recorder.list(),
  }
}
