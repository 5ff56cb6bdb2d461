// What the page script and the session controller say to each other: the page reports the
// tester's actions through one binding; the controller pushes the recorder's state to every frame.
import type { RecorderMode } from '../../../shared/api/recorder'
import type { Strategy } from '../selectors/ranking'

export const EVENT_BINDING = '__testdeskRecorderEvent'
export const STATE_BINDING = '__testdeskRecorderState'
export const PAGE_GLOBAL = '__testdeskRecorder'

export interface PageTarget {
  selector: string
  alternatives: string[]
  strategies: Strategy[]
}

export interface PageState {
  mode: RecorderMode
  paused: boolean
  testIdAttributes: string[]
  /** Only the top frame of each window shows the toolbar. */
  toolbar: boolean
}

type Modifier = 'Alt' | 'Control' | 'Meta' | 'Shift'

/** One thing the tester did in a frame; `at` is when it happened (epoch ms) for the latency figure. */
export type PageAction = { at: number } & (
  | { kind: 'click'; target: PageTarget; button: 'left' | 'middle' | 'right'; modifiers: Modifier[] }
  | { kind: 'dblclick'; target: PageTarget }
  | { kind: 'fill'; target: PageTarget; value: string; secret: boolean; field: string }
  | { kind: 'press'; target: PageTarget | null; key: string }
  | { kind: 'select'; target: PageTarget; values: string[] }
  | { kind: 'check' | 'uncheck'; target: PageTarget }
  | { kind: 'upload'; target: PageTarget; files: string[] }
  | { kind: 'drag'; target: PageTarget; to: PageTarget }
  | { kind: 'scroll'; target: PageTarget | null; x: number; y: number }
  | { kind: 'dialog'; dialog: 'alert' | 'confirm' | 'prompt'; response: 'accept' | 'dismiss'; value: string | null }
  | { kind: 'navigating'; url: string; traversal: boolean }
  /** `index`: the document's place in the window's history (Navigation API), to tell back from forward. */
  | { kind: 'document'; url: string; navigation: 'navigate' | 'reload' | 'back_forward' | 'prerender'; index?: number | null }
  | { kind: 'pick'; target: PageTarget }
  | { kind: 'assert'; property: 'visible' | 'text' | 'value' | 'checked'; target: PageTarget; expected: string | boolean; secret: boolean; field: string }
  | { kind: 'screenshot'; target: PageTarget }
  | { kind: 'toolbar'; mode?: RecorderMode; paused?: boolean }
)
