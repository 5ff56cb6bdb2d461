import { describe, expect, it } from 'vitest'
import { isAppUrl } from './trusted-origin'

describe('isAppUrl', () => {
  it('accepts only the built index file', () => {
    expect(isAppUrl('file:///opt/TestDesk/out/renderer/index.html', '/opt/TestDesk/out/renderer/index.html')).toBe(true)
    expect(isAppUrl('file:///opt/TestDesk/out/renderer/index.html#/runs', '/opt/TestDesk/out/renderer/index.html')).toBe(true)
    expect(isAppUrl('file:///tmp/evil.html', '/opt/TestDesk/out/renderer/index.html')).toBe(false)
    expect(isAppUrl('https://example.com/', '/opt/TestDesk/out/renderer/index.html')).toBe(false)
    expect(isAppUrl('', '/opt/TestDesk/out/renderer/index.html')).toBe(false)
  })

  it('accepts the dev server origin in development only', () => {
    expect(isAppUrl('http://localhost:5173/x', '/i.html', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/x', '/i.html', 'http://localhost:5173')).toBe(false)
  })
})
