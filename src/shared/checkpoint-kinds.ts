// The checkpoint kinds beyond element properties: visual (a screenshot compared with a stored
// baseline), accessibility (axe-core), api (an HTTP response) and download (the file a step
// downloaded). Each is a schema, its words and its Playwright code; ./checkpoints registers them.
import { z } from 'zod'
import type { CheckpointKind } from './checkpoint-kind'
import {
  ApiAssertion,
  ApiCapture,
  apiAssertionCode,
  captureCode,
  describeApiAssertion,
  describeRequest,
  HttpRequestShape,
  requestCode,
} from './http-checks'
import { jsRegex, jsString, quoted, regexProblem, slashRegex, toRegExp } from './patterns'

const Name = z.string().trim().min(1).max(255).optional()
const Selector = z.string().trim().min(1).max(1000)

// ── Visual ─────────────────────────────────────────────────────────────────────────────────

export const VisualCheckpoint = z
  .object({
    type: z.literal('screenshot'),
    /** Names the baseline: keep it when steps move, so the baseline follows. Default: the step's number. */
    name: Name,
    /** How different a pixel's colour may be and still count as equal, 0..1 (default 0.2, as toHaveScreenshot). */
    threshold: z.number().min(0).max(1).optional(),
    /** Differing pixels allowed (default 0). */
    max_diff_pixels: z.number().int().min(0).optional(),
    /** Differing pixels allowed as a share of all pixels, 0..1. */
    max_diff_ratio: z.number().min(0).max(1).optional(),
    /** Elements painted over before comparing (dates, ads, avatars). */
    mask: z.array(Selector).max(50).optional(),
    full_page: z.boolean().optional(),
  })
  .strict()
export type VisualCheckpoint = z.infer<typeof VisualCheckpoint>

const visual: CheckpointKind<VisualCheckpoint> = {
  label: 'Visual (screenshot against a baseline)',
  schema: VisualCheckpoint,
  target: () => 'optional',
  describe: (c, name) => `Verify ${name === 'page' || !name ? (c.full_page ? 'the full page' : 'the page') : name} looks like baseline ${quoted(c.name ?? 'of this step')}`,
  code: (c, locator) => {
    const options: string[] = []
    if (c.max_diff_pixels !== undefined) options.push(`maxDiffPixels: ${c.max_diff_pixels}`)
    if (c.max_diff_ratio !== undefined) options.push(`maxDiffPixelRatio: ${c.max_diff_ratio}`)
    if (c.threshold !== undefined) options.push(`threshold: ${c.threshold}`)
    if (c.mask?.length) options.push(`mask: [${c.mask.map((s) => `page.locator(${jsString(s)})`).join(', ')}]`)
    if (c.full_page && locator === 'page') options.push('fullPage: true')
    options.push("animations: 'disabled'", "caret: 'hide'")
    return `await expect(${locator}).toHaveScreenshot(${jsString(`${c.name ?? 'checkpoint'}.png`)}, { ${options.join(', ')} });`
  },
}

// ── Accessibility ──────────────────────────────────────────────────────────────────────────

export const IMPACTS = ['minor', 'moderate', 'serious', 'critical'] as const
export type Impact = (typeof IMPACTS)[number]

export const AccessibilityCheckpoint = z
  .object({
    type: z.literal('accessibility'),
    name: Name,
    /** axe-core rule tags: wcag2a, wcag2aa, wcag21aa, best-practice… (default wcag2a and wcag2aa). */
    tags: z.array(z.string().trim().regex(/^[\w.-]+$/, 'a tag is a word like wcag2aa or best-practice').max(50)).min(1).max(20).optional(),
    /** The least impact that fails the checkpoint (default minor: every violation counts). */
    impact: z.enum(IMPACTS).optional(),
    /** Known violations this test accepts: a rule, optionally only on one element (its axe target). */
    acknowledged: z
      .array(z.object({ rule: z.string().trim().min(1).max(100), selector: Selector.optional(), reason: z.string().max(1000).optional() }).strict())
      .max(200)
      .optional(),
    /** Rules not to run at all. */
    disable_rules: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
  })
  .strict()
export type AccessibilityCheckpoint = z.infer<typeof AccessibilityCheckpoint>

export const DEFAULT_AXE_TAGS = ['wcag2a', 'wcag2aa'] as const

const accessibility: CheckpointKind<AccessibilityCheckpoint> = {
  label: 'Accessibility (axe-core)',
  schema: AccessibilityCheckpoint,
  target: () => 'optional',
  describe: (c, name) => {
    const acknowledged = c.acknowledged?.length ? `, ${c.acknowledged.length} acknowledged` : ''
    const least = c.impact && c.impact !== 'minor' ? ` of ${c.impact} impact or worse` : ''
    return `Verify ${name && name !== 'page' ? name : 'the page'} has no ${(c.tags ?? DEFAULT_AXE_TAGS).join('/')} accessibility violations${least}${acknowledged}`
  },
  code: (c, locator) => {
    const include = locator === 'page' ? '' : `\n  .include(${locator.replace(/^page\.locator\((.*)\)$/, '$1')})`
    const disable = c.disable_rules?.length ? `\n  .disableRules(${JSON.stringify(c.disable_rules)})` : ''
    const acknowledged = c.acknowledged?.length ? `\nconst acknowledged = ${JSON.stringify(c.acknowledged.map((a) => a.rule))};` : ''
    const least = IMPACTS.indexOf(c.impact ?? 'minor')
    const filters = [least > 0 ? `${JSON.stringify(IMPACTS.slice(least))}.includes(v.impact)` : '', c.acknowledged?.length ? '!acknowledged.includes(v.id)' : ''].filter(Boolean)
    return `const results = await new AxeBuilder({ page })${include}\n  .withTags(${JSON.stringify(c.tags ?? DEFAULT_AXE_TAGS)})${disable}\n  .analyze();${acknowledged}\nexpect(results.violations${filters.length ? `.filter((v) => ${filters.join(' && ')})` : ''}).toEqual([]);`
  },
}

// ── API ────────────────────────────────────────────────────────────────────────────────────

export const ApiCheckpoint = z
  .object({
    type: z.literal('api'),
    name: Name,
    /** The URL (relative URLs use the environment's base URL); `${variables}` allowed. */
    url: z.string().trim().min(1).max(4000),
    ...HttpRequestShape,
    assertions: z.array(ApiAssertion).min(1, 'add at least one thing to verify about the response').max(50),
    capture: z.array(ApiCapture).max(50).optional(),
  })
  .strict()
export type ApiCheckpoint = z.infer<typeof ApiCheckpoint>

const api: CheckpointKind<ApiCheckpoint> = {
  label: 'API response',
  schema: ApiCheckpoint,
  target: () => 'none',
  describe: (c) => `Verify ${describeRequest(c.url, c)}: ${c.assertions.map(describeApiAssertion).join(' and ')}`,
  code: (c) => {
    const timed = c.assertions.some((a) => a.source === 'time')
    const lines = [timed ? 'const startedAt = Date.now();' : '', requestCode(c.url, c), timed ? 'const elapsedMs = Date.now() - startedAt;' : '']
    return [...lines.filter(Boolean), ...c.assertions.map((a) => apiAssertionCode(a)), ...(c.capture ?? []).map((x) => captureCode(x))].join('\n')
  },
}

// ── Download ───────────────────────────────────────────────────────────────────────────────

export const DownloadCheckpoint = z
  .object({
    type: z.literal('download'),
    name: Name,
    /** The file's name: text it contains, a glob (report-*.csv) or /regex/. */
    file_name: z.string().trim().min(1).max(500).optional(),
    min_size: z.number().int().min(0).optional(),
    max_size: z.number().int().min(0).optional(),
    sha256: z.string().trim().regex(/^[0-9a-fA-F]{64}$|\$\{/, 'a SHA-256 is 64 hexadecimal characters').optional(),
    /** Text the file contains (text, CSV and JSON files). */
    contains: z.string().min(1).max(100_000).optional(),
    /** A regex the file's text matches. */
    matches: z.string().min(1).max(10_000).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.min_size !== undefined && c.max_size !== undefined && c.min_size > c.max_size) ctx.addIssue({ code: 'custom', path: ['max_size'], message: 'max_size is smaller than min_size' })
    if (c.matches && !c.matches.includes('${')) {
      const problem = regexProblem(c.matches)
      if (problem) ctx.addIssue({ code: 'custom', path: ['matches'], message: problem })
    }
  })
export type DownloadCheckpoint = z.infer<typeof DownloadCheckpoint>

/** Whether a downloaded file's name fits the pattern: /regex/, a glob with *, or text it contains. */
export function fileNameMatches(name: string, pattern: string): boolean {
  const regex = slashRegex(pattern)
  if (regex) return regex.test(name)
  if (pattern.includes('*') || pattern.includes('?')) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
    return new RegExp(`^${source}$`).test(name)
  }
  return name.includes(pattern)
}

export function describeDownload(c: DownloadCheckpoint): string[] {
  const parts: string[] = []
  if (c.file_name) parts.push(`is named ${slashRegex(c.file_name) || c.file_name.includes('*') ? `like ${c.file_name}` : `with ${quoted(c.file_name)}`}`)
  if (c.min_size !== undefined && c.max_size !== undefined) parts.push(`has ${c.min_size}–${c.max_size} bytes`)
  else if (c.min_size !== undefined) parts.push(`has at least ${c.min_size} bytes`)
  else if (c.max_size !== undefined) parts.push(`has at most ${c.max_size} bytes`)
  if (c.sha256) parts.push(`has SHA-256 ${c.sha256.slice(0, 12)}…`)
  if (c.contains) parts.push(`contains ${quoted(c.contains)}`)
  if (c.matches) parts.push(`matches ${slashRegex(c.matches) ? c.matches : `/${c.matches}/`}`)
  return parts
}

const download: CheckpointKind<DownloadCheckpoint> = {
  label: 'Downloaded file',
  schema: DownloadCheckpoint,
  target: () => 'none',
  describe: (c) => {
    const parts = describeDownload(c)
    return `Verify the last downloaded file${parts.length ? ` ${parts.join(' and ')}` : ' arrived'}`
  },
  code: (c) => {
    const lines = ['const download = await downloadPromise; // page.waitForEvent(\'download\') before the step that downloads', 'const file = await download.path();']
    if (c.file_name) {
      const regex = slashRegex(c.file_name)
      lines.push(regex ? `expect(download.suggestedFilename()).toMatch(${jsRegex(regex)});` : `expect(download.suggestedFilename()).toContain(${jsString(c.file_name)});`)
    }
    if (c.min_size !== undefined) lines.push(`expect(fs.statSync(file).size).toBeGreaterThanOrEqual(${c.min_size});`)
    if (c.max_size !== undefined) lines.push(`expect(fs.statSync(file).size).toBeLessThanOrEqual(${c.max_size});`)
    if (c.sha256) lines.push(`expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(${jsString(c.sha256.toLowerCase())});`)
    if (c.contains) lines.push(`expect(fs.readFileSync(file, 'utf8')).toContain(${jsString(c.contains)});`)
    if (c.matches) lines.push(`expect(fs.readFileSync(file, 'utf8')).toMatch(${jsRegex(toRegExp(c.matches))});`)
    return lines.join('\n')
  },
}

export const MORE_CHECKPOINT_KINDS = { screenshot: visual, accessibility, api, download }
