import { describe, expect, it } from 'vitest'
import type { ConsoleLog, NetworkLog } from '../../../../shared/model/execution'
import { executionLabel, filterConsole, filterNetwork, firstToOpen, prettyBody, shownValue, stepDialogs, stepDownloads, stepToOpen } from './result-model'

const log = (step_index: number | null, log_level: string, message: string) => ({ step_index, log_level, message, source: null }) as ConsoleLog
const net = (step_index: number, url: string, status_code: number | null, error_message: string | null = null) => ({ step_index, url, method: 'GET', status_code, error_message }) as NetworkLog

describe('result model', () => {
  it('labels attempts, and data rows when the test is data-driven', () => {
    expect(executionLabel({ retry_attempt: 1, iteration_number: null }, false)).toBe('Attempt 2')
    expect(executionLabel({ retry_attempt: 0, iteration_number: 3 }, true)).toBe('Data row 3, attempt 1')
  })

  it('opens the first failed execution and its failing step first', () => {
    expect(firstToOpen([{ id: 'a', status: 'passed' }, { id: 'b', status: 'failed' }, { id: 'c', status: 'failed' }] as const)).toBe('b')
    expect(firstToOpen([{ id: 'a', status: 'passed' }, { id: 'b', status: 'passed' }] as const)).toBe('b')
    expect(firstToOpen([])).toBeNull()
    const steps = [{ step_number: 1, status: 'passed' }, { step_number: 2, status: 'failed' }, { step_number: 3, status: 'skipped' }] as const
    expect(stepToOpen(steps, 2)).toBe(2)
    expect(stepToOpen(steps, 9)).toBe(2)
    expect(stepToOpen(steps, null)).toBe(2)
    expect(stepToOpen([{ step_number: 1, status: 'passed' }], null)).toBe(1)
  })

  it("filters a step's console lines by level and text, and network entries by failure and text", () => {
    const lines = [log(1, 'info', 'booted'), log(2, 'error', 'Boom: table empty'), log(2, 'warning', 'slow'), log(null, 'error', 'before steps')]
    const all = new Set(['info', 'warning', 'error'])
    expect(filterConsole(lines, { step: 2, text: '', levels: all }).map((l) => l.message)).toEqual(['Boom: table empty', 'slow'])
    expect(filterConsole(lines, { step: null, text: 'BOOM', levels: all })).toHaveLength(1)
    expect(filterConsole(lines, { step: null, text: '', levels: new Set(['error']) })).toHaveLength(2)
    const entries = [net(1, '/api/people', 200), net(1, '/api/fail', 500), net(2, '/x', null, 'net::ERR_FAILED')]
    expect(filterNetwork(entries, { step: 1, text: '', failedOnly: true }).map((n) => n.url)).toEqual(['/api/fail'])
    expect(filterNetwork(entries, { step: null, text: '', failedOnly: true })).toHaveLength(2)
    expect(filterNetwork(entries, { step: null, text: 'people', failedOnly: false })).toHaveLength(1)
  })

  it('pretty-prints JSON bodies and leaves others as they came', () => {
    expect(prettyBody('{"a":1}', 'application/json')).toBe('{\n  "a": 1\n}')
    expect(prettyBody('{broken', 'application/json')).toBe('{broken')
    expect(prettyBody('<p>hi</p>', 'text/html')).toBe('<p>hi</p>')
    expect(prettyBody(null, null)).toBeNull()
    expect(shownValue('Showing 20 of 20')).toBe('Showing 20 of 20')
    expect(shownValue(20)).toBe('20')
    expect(shownValue(undefined)).toBe('—')
  })

  it("finds a step's downloads among the result's, leaving out what is not shaped like one", () => {
    const captured = [
      { name: 'data.json', size: 42, sha256: 'x', url: 'http://site/data.json', step_index: 3, path: 'artifacts/ab/cd.json', error: null },
      { name: 'other.csv', size: 1, url: 'http://site/other.csv', step_index: 4, path: null, error: 'The downloaded file was not kept' },
      { name: 'old.txt', size: 1, url: 'u', path: 'p' },
      'junk',
      null,
    ]
    expect(stepDownloads(captured, 3)).toEqual([{ name: 'data.json', size: 42, url: 'http://site/data.json', path: 'artifacts/ab/cd.json', error: null }])
    expect(stepDownloads(captured, 4)).toEqual([{ name: 'other.csv', size: 1, url: 'http://site/other.csv', path: null, error: 'The downloaded file was not kept' }])
    expect(stepDownloads(null, 3)).toEqual([])
  })

  it("finds a step's dialogs among its console lines", () => {
    const lines = [{ ...log(2, 'info', 'confirm dialog: "Sure?" (accepted)'), source: 'dialog' }, log(2, 'info', 'not a dialog'), { ...log(3, 'info', 'alert dialog: "Hi" (accepted)'), source: 'dialog' }] as ConsoleLog[]
    expect(stepDialogs(lines, 2).map((l) => l.message)).toEqual(['confirm dialog: "Sure?" (accepted)'])
  })
})
