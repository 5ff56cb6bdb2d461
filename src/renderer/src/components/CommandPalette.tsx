// Ctrl+K: every action and every test by name, reachable by typing. Radix gives the dialog its
// focus trap and labels; cmdk the listbox with arrow keys and Enter.
import * as Dialog from '@radix-ui/react-dialog'
import { Command } from 'cmdk'
import { useMemo, useRef, useState } from 'react'
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
  const chosen = useRef<Entry | null>(null)
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content
          className="palette"
          aria-describedby={undefined}
          onCloseAutoFocus={() => {
            // The command runs once the focus is back where it was, so a command that moves the
            // focus (to a form field, to the steps) keeps it there.
            const entry = chosen.current
            chosen.current = null
            if (entry) setTimeout(() => entry.run())
          }}
        >
          <Dialog.Title className="visually-hidden">Command palette</Dialog.Title>
          {open && (
            <PaletteBody
              choose={(entry) => {
                chosen.current = entry
                setOpen(false)
              }}
            />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function PaletteBody({ choose }: { choose(entry: Entry): void }) {
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
