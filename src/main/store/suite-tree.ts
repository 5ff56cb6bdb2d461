// One project's suite tree held in memory for writes in bulk (an import): paths resolve by
// walking from ROOT through each suite's children by name, missing suites are created, suites
// are moved and updated, all without reading the tree again. A file of many suites, or one path
// a thousand levels deep, is therefore imported in time linear in its size.
import { TestDeskError } from '../../shared/api/errors'
import { ROOT_SUITE } from '../../shared/model/definition'
import type { StoreBase } from './base'
import { guarded } from './errors'

const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field)

export interface SuiteNode {
  id: string
  parent_id: string | null
  name: string
  description: string | null
  position: number
}

export interface SuiteChanges {
  parent?: SuiteNode
  name?: string
  description?: string | null
  position?: number
}

export class SuiteTree {
  readonly root: SuiteNode
  private readonly nodes = new Map<string, SuiteNode>()
  private readonly children = new Map<string, Map<string, SuiteNode>>()
  /** Highest child position under each parent, so a new suite goes last without a query. */
  private readonly lastPosition = new Map<string, number>()

  constructor(
    private readonly s: StoreBase,
    readonly projectId: string,
  ) {
    const rows = s.statements.get('SELECT id, parent_id, name, description, position FROM suites WHERE project_id = ?').all(projectId) as SuiteNode[]
    let root: SuiteNode | null = null
    for (const row of rows) {
      this.nodes.set(row.id, row)
      if (row.parent_id === null) root = row
      else this.attach(row)
    }
    if (!root) throw TestDeskError.notFound('ROOT suite of project', projectId)
    this.root = root
  }

  private attach(node: SuiteNode): void {
    const parent = node.parent_id!
    let siblings = this.children.get(parent)
    if (!siblings) this.children.set(parent, (siblings = new Map()))
    siblings.set(node.name, node)
    this.lastPosition.set(parent, Math.max(this.lastPosition.get(parent) ?? -1, node.position))
  }

  private detach(node: SuiteNode): void {
    this.children.get(node.parent_id!)?.delete(node.name)
  }

  get(id: string): SuiteNode | undefined {
    return this.nodes.get(id)
  }

  child(parent: SuiteNode, name: string): SuiteNode | undefined {
    return this.children.get(parent.id)?.get(name)
  }

  /** The suite at `path` (['ROOT', …]), or undefined. */
  at(path: readonly string[]): SuiteNode | undefined {
    if (path[0] !== ROOT_SUITE) return undefined
    let node: SuiteNode | undefined = this.root
    for (let i = 1; node && i < path.length; i++) node = this.child(node, path[i])
    return node
  }

  /**
   * The suite at `path`, creating every missing one along it. `describe` gives the id, description
   * and position a created suite takes (a file's own, when it lists that path). Returns the suite
   * and how many were created.
   */
  ensure(
    path: readonly string[],
    describe: (path: readonly string[]) => { id?: string; description?: string | null; position?: number } | undefined = () => undefined,
    prefix = '',
  ): { node: SuiteNode; created: number } {
    if (path[0] !== ROOT_SUITE) throw TestDeskError.validation(at(prefix, 'path'), `a suite path starts with '${ROOT_SUITE}'`)
    let node = this.root
    let created = 0
    for (let i = 1; i < path.length; i++) {
      const existing = this.child(node, path[i])
      if (existing) {
        node = existing
        continue
      }
      const wanted = describe(path.slice(0, i + 1)) ?? {}
      node = this.insert(node, path[i], wanted, prefix)
      created++
    }
    return { node, created }
  }

  private insert(parent: SuiteNode, name: string, wanted: { id?: string; description?: string | null; position?: number }, prefix: string): SuiteNode {
    const position = wanted.position ?? (this.lastPosition.get(parent.id) ?? -1) + 1
    const description = wanted.description ?? null
    const id = guarded(
      () => this.s.t.suites.insert({ id: wanted.id, project_id: this.projectId, parent_id: parent.id, name, description, position }),
      prefix,
    )
    const node: SuiteNode = { id, parent_id: parent.id, name, description, position }
    this.nodes.set(id, node)
    this.attach(node)
    return node
  }

  /** Whether `node` is `ancestor` or lies under it. */
  isWithin(node: SuiteNode, ancestor: SuiteNode): boolean {
    for (let current: SuiteNode | undefined = node; current; current = current.parent_id ? this.nodes.get(current.parent_id) : undefined) {
      if (current.id === ancestor.id) return true
    }
    return false
  }

  /** Writes what differs (moving and renaming included); returns whether anything did. */
  update(node: SuiteNode, changes: SuiteChanges, prefix = ''): boolean {
    const patch: Record<string, unknown> = {}
    const parentId = changes.parent?.id
    if (parentId !== undefined && parentId !== node.parent_id) {
      if (node.parent_id === null) throw TestDeskError.invalidState('The ROOT suite cannot be renamed or moved')
      if (this.isWithin(changes.parent!, node)) throw TestDeskError.validation(at(prefix, 'path'), 'a suite cannot move under itself or one of its own suites')
      patch.parent_id = parentId
    }
    if (changes.name !== undefined && changes.name !== node.name) patch.name = changes.name
    if (changes.description !== undefined && changes.description !== node.description) patch.description = changes.description
    if (changes.position !== undefined && changes.position !== node.position) patch.position = changes.position
    if (!Object.keys(patch).length) return false
    guarded(() => this.s.t.suites.update(node.id, patch), prefix)
    if (node.parent_id !== null) this.detach(node)
    Object.assign(node, patch)
    if (node.parent_id !== null) this.attach(node)
    return true
  }

  /** Test case ids linked to a suite. */
  testIds(node: SuiteNode): string[] {
    return (this.s.statements.get('SELECT test_case_id FROM suite_test_cases WHERE suite_id = ?').all(node.id) as { test_case_id: string }[]).map(
      (row) => row.test_case_id,
    )
  }
}
