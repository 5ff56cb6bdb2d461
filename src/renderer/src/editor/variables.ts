// `${name}` in a step checked as the tester types: a name is known when an environment, the
// test's data set or an earlier step (set variable, run script's store as) defines it.
import { useEffect, useState } from 'react'
import { referencedVariables, UnknownVariableError } from '../../../shared/steps'
import { useApp } from '../StoreContext'
import type { TestDoc } from './test-doc'

/** Names an earlier step sets (set_variable's name, run_script's store_as). */
export function variablesSetBefore(doc: TestDoc, index: number): Set<string> {
  const names = new Set<string>()
  for (const step of doc.steps.slice(0, index)) {
    const options = step.options as { name?: unknown; store_as?: unknown }
    if (step.action === 'set_variable' && typeof options.name === 'string') names.add(options.name)
    if (step.action === 'run_script' && typeof options.store_as === 'string') names.add(options.store_as)
  }
  return names
}

/** The catalogue's message for each variable step `index` uses that nothing defines. */
export function unknownVariables(doc: TestDoc, index: number, known: ReadonlySet<string>): string[] {
  const step = doc.steps[index]
  if (!step) return []
  const earlier = variablesSetBefore(doc, index)
  return referencedVariables(step)
    .filter((name) => !known.has(name) && !earlier.has(name))
    .map((name) => `${new UnknownVariableError(name).message}: no environment, data set column or earlier step defines it`)
}

/** Variables of every environment and of the test's data set (the run may use any environment). */
export function useKnownVariables(doc: TestDoc | undefined): Set<string> {
  const client = useApp((s) => s.client)
  const dataSetId = doc?.data_set_id ?? null
  const environmentsChanged = useApp((s) => s.lists.environment)
  const [known, setKnown] = useState<Set<string>>(new Set())
  useEffect(() => {
    let cancelled = false
    void (async () => {
      const names = new Set<string>()
      try {
        for (let offset = 0; ; offset += 100) {
          const page = await client.environments.list({ limit: 100, offset })
          for (const env of page.items) for (const v of env.variables) names.add(v.name)
          if (offset + 100 >= page.total) break
        }
        if (dataSetId) for (const column of (await client.dataSets.get({ id: dataSetId })).columns) names.add(column.name)
      } catch {
        // Unknown variables are then reported more often, never fewer: a warning, not a block.
      }
      if (!cancelled) setKnown(names)
    })()
    return () => {
      cancelled = true
    }
  }, [client, dataSetId, environmentsChanged])
  return known
}
