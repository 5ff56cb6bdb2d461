import { describe, expect, it } from 'vitest'
import { api } from '../../shared/api'
import { clientOver, type Transport } from './client'
import { chooseProject, chosenProject, scopedMethods, scopedToProject, takesProjectId, windowProject } from './project-scope'

describe('the window project scope', () => {
  it('reads project_id from the contract schemas, through defaults and pipes', () => {
    expect(takesProjectId(api.tests.outline.input)).toBe(true) // an object with a default
    expect(takesProjectId(api.schedules.create.input)).toBe(true)
    expect(takesProjectId(api.recorder.start.input)).toBe(false) // project_id only inside new_test
    expect(takesProjectId(api.tests.get.input)).toBe(false)
    const scoped = scopedMethods()
    for (const name of ['tests.outline', 'tests.list', 'tests.create', 'suites.tree', 'runs.list', 'runs.create', 'schedules.list', 'schedules.create', 'environments.list', 'projectFiles.export', 'demo.seed']) {
      expect(scoped, name).toContain(name)
    }
    for (const name of ['projects.list', 'projects.delete', 'tests.get', 'steps.update', 'recorder.start']) expect(scoped, name).not.toContain(name)
  })

  it('names the window project in scoped calls unless the caller named one; unchosen, the default asked once', async () => {
    const calls: [string, unknown][] = []
    let defaultAnswer: { ok: true; value: { id: string } } | { ok: false; error: { kind: 'internal'; message: string } } = { ok: false, error: { kind: 'internal', message: 'TestDesk is not reachable' } }
    const transport: Transport = {
      call: async (name, input) => {
        calls.push([name, input])
        return name === 'projects.getDefault' ? defaultAnswer : { ok: true, value: null }
      },
      subscribe: () => () => undefined,
    }
    const memory = new Map<string, string>()
    const storage = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v), removeItem: (k: string) => void memory.delete(k) }
    const plain = clientOver(transport)
    const client = scopedToProject(plain, windowProject(plain, storage))
    await expect(client.tests.outline({})).rejects.toThrow('TestDesk is not reachable')
    defaultAnswer = { ok: true, value: { id: 'p1' } }
    await client.tests.outline({})
    await client.runs.list({})
    chooseProject(storage, 'p2')
    expect(chosenProject(storage)).toBe('p2')
    await client.tests.outline({})
    await client.tests.list({ project_id: 'p3' })
    await client.tests.get({ id: 't1' })
    expect(calls).toEqual([
      ['projects.getDefault', {}],
      ['projects.getDefault', {}],
      ['tests.outline', { project_id: 'p1' }],
      ['runs.list', { project_id: 'p1' }],
      ['tests.outline', { project_id: 'p2' }],
      ['tests.list', { project_id: 'p3' }],
      ['tests.get', { id: 't1' }],
    ])
  })
})
