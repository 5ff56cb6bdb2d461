import { describe, expect, it } from 'vitest'
import { api } from '../../shared/api'
import { clientOver, type Transport } from './client'
import { chooseProject, chosenProject, scopedMethods, scopedToProject, takesProjectId } from './project-scope'

describe('the window project scope', () => {
  it('reads project_id from the contract schemas, through defaults and pipes', () => {
    expect(takesProjectId(api.tests.outline.input)).toBe(true) // an object with a default
    expect(takesProjectId(api.schedules.create.input)).toBe(true)
    expect(takesProjectId(api.recorder.start.input)).toBe(false) // project_id only inside new_test
    expect(takesProjectId(api.tests.get.input)).toBe(false)
    const scoped = scopedMethods()
    for (const name of ['tests.outline', 'tests.list', 'tests.create', 'suites.tree', 'runs.list', 'runs.create', 'schedules.list', 'schedules.create', 'environments.list', 'projectFiles.export']) {
      expect(scoped, name).toContain(name)
    }
    for (const name of ['projects.list', 'projects.delete', 'tests.get', 'steps.update', 'recorder.start']) expect(scoped, name).not.toContain(name)
  })

  it('names the chosen project in scoped calls unless the caller named one', async () => {
    const calls: [string, unknown][] = []
    const transport: Transport = {
      call: async (name, input) => (calls.push([name, input]), { ok: true, value: null }),
      subscribe: () => () => undefined,
    }
    const memory = new Map<string, string>()
    const storage = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v), removeItem: (k: string) => void memory.delete(k) }
    const client = scopedToProject(clientOver(transport), () => chosenProject(storage))
    await client.tests.outline({})
    chooseProject(storage, 'p2')
    await client.tests.outline({})
    await client.tests.list({ project_id: 'p3' })
    await client.tests.get({ id: 't1' })
    chooseProject(storage, null)
    await client.schedules.list({})
    expect(calls).toEqual([
      ['tests.outline', {}],
      ['tests.outline', { project_id: 'p2' }],
      ['tests.list', { project_id: 'p3' }],
      ['tests.get', { id: 't1' }],
      ['schedules.list', {}],
    ])
  })
})
