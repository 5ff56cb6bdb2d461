// The short tests of bench:runner's second workload: flows of 8-15 steps on the demo site's todo
// app, the kind a tester's suite is mostly made of (type and press Enter, tick checkboxes,
// double-click a title to edit it, check list texts, classes and counts). Generated from a fixed
// seed so every run and both tools get the same tests; a model of the list gives the expectations.
import type { ProjectFileInput } from '../src/shared/model/project-file'
import { demoId, demoProjectFile } from '../src/main/demo/demo-project'
import type { DemoTarget, Step } from '../src/main/demo/demo-types'

export const SHORT_SUITE = ['ROOT', 'Demo', 'Short todos']

/** Titles no one of which contains another, so a row found by its text is that row alone. */
const WORDS = ['Buy milk', 'Write tests', 'Call Ada', 'Water plants', 'Pay rent', 'Book flights', 'Fix bike', 'Read report', 'Plan sprint', 'Send invoice', 'Clean desk', 'Walk dog']

const t = (target: string | DemoTarget): DemoTarget & { alternatives: string[] } =>
  typeof target === 'string' ? { selector: target, alternatives: [] } : { ...target, alternatives: target.alternatives ?? [] }
const row = (title: string): DemoTarget => ({ selector: '[data-testid=todo-item]', has_text: title })
const element = (target: string | DemoTarget, property: string, expected: string | number | boolean, operator = 'equals'): Step => ({
  action: 'checkpoint',
  target: t(target),
  options: { checkpoint: { type: 'element', assertions: [{ property, operator, expected }] } },
})

/** A small deterministic generator (mulberry32): the same tests on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), seed | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

interface Todo {
  title: string
  done: boolean
}

function shortTest(index: number): { name: string; steps: Step[] } {
  const next = random(1000 + index)
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]
  const wanted = 8 + Math.floor(next() * 8)
  const pool = [...WORDS]
  const todos: Todo[] = []
  const steps: Step[] = [{ action: 'navigate', value: 'todos.html' }]
  const left = () => todos.filter((todo) => !todo.done).length
  const countText = () => `${left()} ${left() === 1 ? 'item' : 'items'} left`
  const add = () => {
    const title = pool.splice(Math.floor(next() * pool.length), 1)[0]
    todos.push({ title, done: false })
    steps.push({ action: 'fill', target: t('[data-testid=new-todo]'), value: title }, { action: 'press', target: t('[data-testid=new-todo]'), value: 'Enter' })
  }
  add()
  add()
  const moves: (() => void)[] = [
    add,
    () => {
      const todo = pick(todos)
      todo.done = !todo.done
      steps.push({ action: todo.done ? 'check' : 'uncheck', target: t(`role=checkbox[name="${todo.title}"]`) })
      steps.push(element(row(todo.title), 'class', 'completed', todo.done ? 'contains' : 'not_contains'))
    },
    () => steps.push(element('#todo-count', 'text', countText())),
    () => steps.push(element('[data-testid=todo-item]', 'count', todos.length)),
    () =>
      steps.push({
        action: 'checkpoint',
        target: t('[data-testid=todo-title]'),
        options: { checkpoint: { type: 'element', assertions: [{ property: 'texts', operator: 'equals', texts: todos.map((todo) => todo.title) }] } },
      }),
    () => {
      const todo = pick(todos)
      const title = pool.splice(Math.floor(next() * pool.length), 1)[0]
      steps.push(
        { action: 'dblclick', target: t({ selector: '[data-testid=todo-title]', has_text: todo.title }) },
        { action: 'fill', target: t('[data-testid=todo-edit]'), value: title },
        { action: 'press', target: t('[data-testid=todo-edit]'), value: 'Enter' },
      )
      todo.title = title
      steps.push(element(row(title), 'visible', true))
    },
  ]
  // Steps each move adds, and whether it needs an unused title.
  const sizes = [2, 2, 1, 1, 1, 4]
  while (steps.length < wanted - 1) {
    const which = Math.floor(next() * moves.length)
    if (steps.length + sizes[which] > 14 || ((which === 0 || which === 5) && !pool.length)) continue
    moves[which]()
  }
  steps.push(element('#todo-count', 'text', countText()))
  return { name: `Short todos ${String(index + 1).padStart(3, '0')}`, steps }
}

export function shortTodoTests(count: number): { name: string; steps: Step[] }[] {
  return Array.from({ length: count }, (_, i) => shortTest(i))
}

/** A project file holding the short tests alone, against the demo environment at `baseUrl`. */
export function shortTodosProject(count: number, baseUrl: string): ProjectFileInput {
  const demo = demoProjectFile()
  const tests = shortTodoTests(count)
  const environmentId = demoId('environment')
  return {
    ...demo,
    scope: SHORT_SUITE.slice(0, 2),
    suites: [
      { id: demoId('suite:Demo'), path: SHORT_SUITE.slice(0, 2), description: null, position: 0, tests: [] },
      { id: demoId('suite:Short todos'), path: SHORT_SUITE, description: null, position: 0, tests: tests.map((test) => demoId(`test:${test.name}`)) },
    ],
    tests: tests.map((test) => ({
      id: demoId(`test:${test.name}`),
      name: test.name,
      description: null,
      tags: ['short'],
      priority: 'medium',
      environment_id: environmentId,
      data_set_id: null,
      step_timeout_ms: null,
      steps: test.steps.map((step, i) => ({
        id: demoId(`step:${test.name}:${i}`),
        action: step.action,
        target: step.target ? t(step.target) : null,
        value: step.value ?? null,
        options: step.options ?? {},
        description: null,
      })),
    })),
    data_sets: [],
    environments: (demo.environments ?? []).map((environment) => ({ ...environment, base_url: baseUrl, variables: [] })),
  }
}
