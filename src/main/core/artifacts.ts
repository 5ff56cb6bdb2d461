// The `artifacts` namespace: a screenshot's bytes and a trace's place, for windows that cannot
// read the data folder. Only files the store registered are read, so a crafted path reads nothing else.
import { readFileSync } from 'node:fs'
import type { Api } from '../../shared/api'
import { MAX_IMAGE_BYTES } from '../../shared/api/artifacts'
import type { Implementation } from '../../shared/api/contract'
import { TestDeskError } from '../../shared/api/errors'
import { traceOf } from '../report/data'
import type { Store } from '../store'

export function artifactsNamespace(store: Store): Implementation<Api>['artifacts'] {
  return {
    image: ({ path }) => {
      const artifact = store.artifacts.byPath(path)
      if (!artifact) throw TestDeskError.notFound('Artifact', path)
      if (!artifact.mime.startsWith('image/')) throw TestDeskError.validation('path', `${path} is ${artifact.mime}, not an image`)
      if (artifact.size > MAX_IMAGE_BYTES) throw TestDeskError.validation('path', `${path} is larger than ${MAX_IMAGE_BYTES} bytes`)
      let bytes: Buffer
      try {
        bytes = readFileSync(store.artifacts.absolute(artifact.path))
      } catch (error) {
        throw TestDeskError.notFound('Artifact file', `${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`)
      }
      return { path: artifact.path, mime: artifact.mime, bytes: bytes.byteLength, data: bytes.toString('base64') }
    },
    trace: ({ test_run_result_id }) => {
      const result = store.results.get(test_run_result_id)
      const trace = traceOf(store, result.trace_path)
      return trace ? { file: trace.file, command: trace.command } : null
    },
    files: ({ paths }) => paths.map((path) => store.artifacts.absolute(path)),
  }
}
