// What the importers of other tools' files share: the project-file shape they produce, the
// report of commands they could not convert, and the disabled step that keeps such a command
// in the test (holding the original, failing with a message if someone enables it).
import type { ImportSummary, ProjectFileInput } from '../model/project-file'
import { jsString } from '../patterns'

export type FileStepInput = NonNullable<ProjectFileInput['tests']>[number]['steps'] extends (infer S)[] | undefined ? S : never
export type StepDraft = Omit<FileStepInput, 'id'>
export type TargetDraft = { selector: string; alternatives: string[]; frames?: string[] }

export interface Unconverted {
  test: string
  /** 1-based position of the command in the test as the file lists it. */
  position: number
  command: string
  reason: string
}

export interface ConversionCounts {
  /** Commands (steps) read from the file. */
  commands: number
  converted: number
  unconverted: number
}

export interface InteropImport {
  /** What the import created or would create (dry_run), as for a project file. */
  summary: ImportSummary
  dry_run: boolean
  counts: ConversionCounts
  unconverted: Unconverted[]
  /** The tests made, with their suites, for a preview. */
  tests: { name: string; suite: string[]; steps: number; disabled: number }[]
}

/** What an importer hands to the project-file import, besides the report. */
export interface Conversion {
  file: ProjectFileInput
  counts: ConversionCounts
  unconverted: Unconverted[]
}

/** Stable ids from keys, so importing the same file again updates instead of duplicating. */
export type IdOf = (key: string) => string

/** The project a conversion goes into (its id, name and description are kept as they are). */
export interface ProjectRef {
  id: string
  name: string
  description: string | null
}

/**
 * A command the step language cannot express: a disabled step that holds the original and,
 * if enabled, fails saying why. `run_script` is the one action that can carry any text.
 */
export function unconvertedStep(tool: string, original: unknown, reason: string): StepDraft {
  const json = JSON.stringify(original)
  const words = `Not converted from ${tool}: ${reason}`
  return {
    action: 'run_script',
    target: null,
    value: `// ${words}\n// Original: ${json.replace(/\n/g, ' ')}\nthrow new Error(${jsString(words)})`,
    options: {},
    description: `${words} (${json.length > 1500 ? json.slice(0, 1500) + '…' : json})`.slice(0, 2000),
    disabled: true,
  }
}

/** A text as a JavaScript string literal for a script step (double quotes, as testers write them). */
export function scriptString(text: string): string {
  return JSON.stringify(text)
}

/** Drops alternatives equal to the primary or to each other, keeping at most 20 (the Target limit). */
export function target(selector: string, alternatives: readonly string[], frames?: string[]): TargetDraft {
  const seen = new Set([selector])
  const rest = alternatives.filter((a) => a.trim() && !seen.has(a) && (seen.add(a), true)).slice(0, 20)
  return { selector, alternatives: rest, ...(frames?.length ? { frames } : {}) }
}

export function checkpoint(target: TargetDraft | null, assertion: Record<string, unknown>, options: Record<string, unknown> = {}): StepDraft {
  return { action: 'checkpoint', target, options: { ...options, checkpoint: { type: 'element', assertions: [assertion] } } }
}

/** Quotes a value inside a role or text selector: `"Sign in"` with its quotes and backslashes escaped. */
export function selectorQuote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

export function emptyCounts(): ConversionCounts {
  return { commands: 0, converted: 0, unconverted: 0 }
}
