// The save loop of an open test against a fake contract: saves go out with the version they were
// made on, a conflict is held (never overwritten), and changes made elsewhere are taken in.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TestDeskError } from '../../../shared/api/errors'
import type { TestCaseWithSteps } from '../../../shared/model/definition'
import type { ApiClient } from '../client'
import type { TestDoc } from '../editor/test-doc'
import { statusOf } from './document'
import { SAVE_DELAY_MS } from './docsSlice'
import { createAppStore } from './index'

function stored(version: number, patch: Partial<TestCaseWithSteps> = {}): TestCaseWithSteps {
  return {
    id: 't1', project_id: 'p', name: 'Login', description: null, tags: [], priority: 'medium', status: 'active', start_url: null, step_timeout_ms: null,
    test_timeout_ms: null, browser_config_id: null, environment_id: null, data_set_id: null, created_by: 'u', suite_ids: [], step_count: 0, version,
    created_at: '', updated_at: '', steps: [], ...patch,
  }
}

function setup() {
  let server = stored(1)
  const updates: Record<string, unknown>[] = []
  const client = {
    tests: {
      get: vi.fn(async () => structuredClone(server)),
      update: vi.fn(async (input: Record<string, unknown>) => {
        updates.push(input)
        if (input.if_version !== server.version) {
          throw new TestDeskError('conflict', `Test case 'Login' was changed elsewhere (now version ${server.version})`, [{ field: 'if_version', message: 'x' }])
        }
        server = { ...server, ...(input as Partial<TestCaseWithSteps>), version: server.version + 1 }
        return structuredClone(server)
      }),
    },
  } as unknown as ApiClient
  const store = createAppStore({
    client,
    address: { read: () => '/tests/t1', push: () => undefined, replace: () => undefined, listen: () => () => undefined },
    storage: { getItem: () => null, setItem: () => undefined },
    initialTheme: 'light',
    saveTheme: () => undefined,
  })
  return { store, updates, elsewhere: (patch: Partial<TestCaseWithSteps>) => (server = { ...server, ...patch, version: server.version + 1 }) }
}

const rename = (name: string) => (doc: TestDoc) => ({ ...doc, name })

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('an open test', () => {
  it('saves edits after a pause, on the version it was opened at, and shows Saved', async () => {
    const { store, updates } = setup()
    await store.getState().openDoc('test', 't1')
    store.getState().editDoc<TestDoc>('test', rename('Login 2'), 'name')
    store.getState().editDoc<TestDoc>('test', rename('Login 22'), 'name')
    expect(statusOf(store.getState().docs.test!)).toBe('unsaved')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10)
    expect(updates).toEqual([{ id: 't1', if_version: 1, name: 'Login 22' }])
    expect(statusOf(store.getState().docs.test!)).toBe('saved')
    expect(store.getState().docs.test!.baseVersion).toBe(2)
    // Undo is an edit too: it is saved on the new version.
    store.getState().undoDoc('test')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10)
    expect(updates[1]).toEqual({ id: 't1', if_version: 2, name: 'Login' })
  })

  it('does not save while a step is incomplete, and says why', async () => {
    const { store, updates } = setup()
    await store.getState().openDoc('test', 't1')
    store.getState().addStep('click')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3)
    expect(updates).toEqual([])
    const doc = store.getState().docs.test!
    expect(statusOf(doc)).toBe('invalid')
    expect(doc.invalid).toMatch(/^step 1: target\.selector/)
  })

  it('holds a conflict when the test changed elsewhere, and keeps mine only when asked', async () => {
    const { store, updates, elsewhere } = setup()
    await store.getState().openDoc('test', 't1')
    elsewhere({ description: 'imported by the CLI' })
    store.getState().editDoc<TestDoc>('test', rename('Mine'))
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10)
    const doc = store.getState().docs.test!
    expect(statusOf(doc)).toBe('conflict')
    expect((doc.conflict!.theirs as TestDoc).description).toBe('imported by the CLI')
    expect((doc.present as TestDoc).name).toBe('Mine')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3)
    expect(updates).toHaveLength(1)
    store.getState().resolveConflict('test', 'mine')
    await vi.advanceTimersByTimeAsync(10)
    expect(updates[1]).toMatchObject({ id: 't1', if_version: 2, name: 'Mine', description: null })
    expect(statusOf(store.getState().docs.test!)).toBe('saved')
  })

  it('takes in a change made elsewhere when nothing is unsaved, and conflicts when something is', async () => {
    const { store, elsewhere } = setup()
    await store.getState().openDoc('test', 't1')
    elsewhere({ name: 'Renamed by another window' })
    await store.getState().checkDoc('test')
    expect((store.getState().docs.test!.present as TestDoc).name).toBe('Renamed by another window')
    expect(statusOf(store.getState().docs.test!)).toBe('saved')
    store.getState().editDoc<TestDoc>('test', rename('Typing…'))
    elsewhere({ tags: ['cli'] })
    await store.getState().checkDoc('test')
    expect(statusOf(store.getState().docs.test!)).toBe('conflict')
    store.getState().resolveConflict('test', 'theirs')
    expect((store.getState().docs.test!.present as TestDoc).tags).toEqual(['cli'])
  })
})
