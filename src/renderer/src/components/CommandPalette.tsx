// Ctrl+K: every action and every test by name, reachable by typing. Radix gives the dialog its
// focus trap and labels; cmdk the listbox with arrow keys and Enter.
import * as Dialog from '@radix-ui/react-dialog'
import { Command } from 'cmdk'
import { useMemo, useState } from 'react'
import { buildCommands } from '../commands'
import { search, searchable } from '../palette-search'
import { route } from '../routes'
import { useApp, useAppStore } from '../StoreContext'

interface Entry {
  id: string
  title: string
  group: string
  detail?: string
  shortcut?: string
  haystack: string
  run(): void
}

const TEST_LIMIT = 50

export function CommandPalette() {
  const open = useApp((s) => s.paletteOpen)
  const setOpen = useApp((s) => s.setPaletteOpen)
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="palette" aria-describedby={undefined}>
          <Dialog.Title className="visually-hidden">Command palette</Dialog.Title>
          {open && <PaletteBody close={() => setOpen(false)} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function PaletteBody({ close }: { close(): void }) {
  const store = useAppStore()
  const tree = useApp((s) => s.tree)
  const [query, setQuery] = useState('')

  const commands = useMemo<Entry[]>(
    () => buildCommands(store).map((c) => ({ ...c, ...searchable(c.title, `${c.group} ${c.keywords ?? ''}`) })),
    [store],
  )
  const tests = useMemo<Entry[]>(() => {
    if (!tree) return []
    return [...tree.testsById.values()].map((test) => {
      const suiteId = tree.suitesOf.get(test.id)?.[0]
      const path = suiteId ? tree.suitesById.get(suiteId)?.path.slice(1).join(' / ') : ''
      return {
        id: `open:${test.id}`,
        group: 'Tests',
        detail: path || undefined,
        ...searchable(test.name, path),
        run: () => store.getState().navigate(route('tests', test.id)),
      }
    })
  }, [tree, store])

  const shownCommands = search(commands, query, 30)
  const shownTests = query ? search(tests, query, TEST_LIMIT) : []
  const groups = [...new Set(shownCommands.map((c) => c.group))]

  const choose = (entry: Entry) => {
    close()
    entry.run()
  }

  return (
    <Command shouldFilter={false} label="Search commands and tests" loop>
      <Command.Input value={query} onValueChange={setQuery} placeholder="Type a command or a test name…" />
      <Command.List>
        <Command.Empty>Nothing matches “{query}”.</Command.Empty>
        {shownTests.length > 0 && (
          <Command.Group heading={`Open test${shownTests.length === TEST_LIMIT ? ` (first ${TEST_LIMIT})` : ''}`}>
            {shownTests.map((entry) => (
              <Command.Item key={entry.id} value={entry.id} onSelect={() => choose(entry)}>
                <span>{entry.title}</span>
                {entry.detail && <span className="muted detail">{entry.detail}</span>}
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {groups.map((group) => (
          <Command.Group key={group} heading={group}>
            {shownCommands
              .filter((c) => c.group === group)
              .map((entry) => (
                <Command.Item key={entry.id} value={entry.id} onSelect={() => choose(entry)}>
                  <span>{entry.title}</span>
                  {entry.shortcut && <kbd>{entry.shortcut}</kbd>}
                </Command.Item>
              ))}
          </Command.Group>
        ))}
      </Command.List>
    </Command>
  )
}
