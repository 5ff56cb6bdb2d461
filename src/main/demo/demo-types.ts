// The shapes the demo project's tests are written in (steps with plain targets), apart from the
// project so the suites kept in their own files can use them without importing the project.
import type { Target } from '../../shared/model/definition'

export type DemoTarget = Omit<Target, 'alternatives'> & { alternatives?: string[] }
export type Step = {
  action: string
  target?: DemoTarget | null
  value?: string | null
  options?: Record<string, unknown>
  description?: string | null
}

export interface DemoTest {
  name: string
  suite: string
  tags: string[]
  priority?: 'low' | 'medium' | 'high' | 'critical'
  description?: string
  steps: Step[]
  dataDriven?: boolean
  stepTimeoutMs?: number
  scripts?: DemoScript[]
}

export interface DemoScript {
  name: string
  type: 'pre_execution' | 'post_execution' | 'on_demand'
  runIn: 'page' | 'node'
  source: string
  critical?: boolean
  afterStep?: number
}
