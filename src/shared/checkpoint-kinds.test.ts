import { describe, expect, it } from 'vitest'
import { fileNameMatches } from './checkpoint-kinds'
import { parseJsonPath, readJsonPath, valueHolds } from './http-checks'
import { describeStep, playwrightCode, validateStep } from './steps'

const cp = (checkpoint: Record<string, unknown>, target: string | null = null) => ({ action: 'checkpoint', target: target ? { selector: target } : null, options: { checkpoint } })

describe('JSON paths and comparisons', () => {
  it('reads dotted, indexed and quoted paths, and undefined where a path leads nowhere', () => {
    const body = { users: [{ name: 'Alice', 'full name': 'Alice Martin' }], total: 5 }
    expect(parseJsonPath("$.users[0]['full name']")).toEqual(['users', 0, 'full name'])
    expect(readJsonPath(body, '$.users[0].name')).toBe('Alice')
    expect(readJsonPath(body, "users[0]['full name']")).toBe('Alice Martin')
    expect(readJsonPath(body, '$')).toEqual(body)
    expect(readJsonPath(body, '$.users[3].name')).toBeUndefined()
    expect(readJsonPath(body, '$.total.more')).toBeUndefined()
    expect(() => parseJsonPath('$.users[*]')).toThrow(/not a JSON path this checkpoint reads.*at '\[\*\]'/)
  })

  it('compares text from variables with numbers, and looks into arrays for contains', () => {
    expect(valueHolds('equals', 200, '200')).toBe(true)
    expect(valueHolds('equals', undefined, '')).toBe(false)
    expect(valueHolds('contains', ['a', 'b'], 'b')).toBe(true)
    expect(valueHolds('not_contains', ['a', 'b'], 'c')).toBe(true)
    expect(valueHolds('less_than', 120, '150')).toBe(true)
    expect(valueHolds('at_least', null, 0)).toBe(false)
    expect(valueHolds('exists', undefined, false)).toBe(true)
    expect(valueHolds('matches', 'demo-token-x', '^demo-token-')).toBe(true)
  })

  it('matches file names by text, glob or /regex/', () => {
    expect(fileNameMatches('report-2026.csv', 'report-*.csv')).toBe(true)
    expect(fileNameMatches('report.csv.tmp', '*.csv')).toBe(false)
    expect(fileNameMatches('data.json', '/^data\\.json$/')).toBe(true)
    expect(fileNameMatches('data.json', 'data')).toBe(true)
  })
})

describe('checkpoint kinds in the catalogue', () => {
  it('refuses malformed checkpoints with the field that is wrong', () => {
    const issues = (c: Record<string, unknown>, target: string | null = null) => validateStep(cp(c, target), 'steps.1')
    expect(issues({ type: 'api', url: '/x', assertions: [{ source: 'json', expected: 1 }] })).toEqual([
      { field: 'steps.1.options.checkpoint.assertions.0.path', message: 'give the JSON path to check, e.g. $.users[0].name' },
    ])
    expect(issues({ type: 'api', url: '/x', assertions: [{ source: 'time', operator: 'contains', expected: 1 }] })[0].message).toBe('time can be checked with less_than, at_most, not contains')
    expect(issues({ type: 'api', url: '/x', assertions: [{ source: 'status', expected: 200 }] }, '#a')).toEqual([{ field: 'steps.1.target', message: 'checkpoint does not act on an element: remove the target' }])
    expect(issues({ type: 'download', min_size: 10, max_size: 5 })).toEqual([{ field: 'steps.1.options.checkpoint.max_size', message: 'max_size is smaller than min_size' }])
    expect(issues({ type: 'screenshot', threshold: 2 })[0].field).toBe('steps.1.options.checkpoint.threshold')
    expect(issues({ type: 'accessibility', impact: 'huge' })[0].field).toBe('steps.1.options.checkpoint.impact')
    expect(validateStep({ action: 'request', value: '/a', options: { headers: [{ name: 'Bad Name', value: 'x' }] } }, 'steps.2')[0].field).toBe('steps.2.options.headers.0.name')
  })

  it('describes each kind and gives its Playwright code', () => {
    const visual = cp({ type: 'screenshot', name: 'badge', max_diff_pixels: 10, mask: ['#clock'] }, '[data-testid=badge]')
    expect(describeStep(visual)).toBe("Verify 'badge' looks like baseline 'badge'")
    expect(playwrightCode(visual)).toBe(
      "await expect(page.locator('[data-testid=badge]')).toHaveScreenshot('badge.png', { maxDiffPixels: 10, mask: [page.locator('#clock')], animations: 'disabled', caret: 'hide' });",
    )
    const a11y = cp({ type: 'accessibility', impact: 'serious', acknowledged: [{ rule: 'image-alt' }] })
    expect(describeStep(a11y)).toBe('Verify the page has no wcag2a/wcag2aa accessibility violations of serious impact or worse, 1 acknowledged')
    expect(playwrightCode(a11y)).toContain('new AxeBuilder({ page })')
    expect(playwrightCode(a11y)).toContain('.filter((v) => ["serious","critical"].includes(v.impact) && !acknowledged.includes(v.id))')
    const api = cp({ type: 'api', url: '/api/users', assertions: [{ source: 'json', path: '$.total', operator: 'at_least', expected: 3 }, { source: 'time', expected: 500 }] })
    expect(describeStep(api)).toBe('Verify GET /api/users: $.total is at least 3 and response time is less than 500 ms')
    expect(playwrightCode(api).split('\n')).toEqual([
      'const startedAt = Date.now();',
      "const response = await page.request.fetch('/api/users');",
      'const elapsedMs = Date.now() - startedAt;',
      'expect((await response.json()).total).toBeGreaterThanOrEqual(3);',
      'expect(elapsedMs).toBeLessThan(500);',
    ])
    const download = cp({ type: 'download', file_name: '*.csv', contains: 'Alice' })
    expect(describeStep(download)).toBe("Verify the last downloaded file is named like *.csv and contains 'Alice'")
    expect(playwrightCode(download)).toContain("expect(fs.readFileSync(file, 'utf8')).toContain('Alice');")
  })
})
