// Takes the README's screenshots of the workbench: the demo project in browser mode, in real
// Chromium, written to docs/screenshots/. Run with `npx tsx scripts/ui-screenshots.ts`.
import { join } from 'node:path'
import { seedDemo } from '../src/main/core/demo'
import { startWorkbench } from '../e2e/support/workbench'

const OUT = join(import.meta.dirname, '../docs/screenshots')

const wb = await startWorkbench()
try {
  seedDemo(wb.core.context.store)
  const { items } = await wb.call('tests.list', { search: 'Login', limit: 5 })
  const login = items.find((t: { name: string }) => /log in/i.test(t.name)) ?? items[0]
  const { page } = await wb.open('/')
  await page.setViewportSize({ width: 1600, height: 900 })
  const tree = page.getByRole('tree', { name: 'Suites and tests' })
  await tree.getByRole('treeitem').first().waitFor()
  await tree.getByRole('treeitem', { name: /^Demo/ }).click()
  await page.keyboard.press('ArrowRight')
  await tree.getByRole('treeitem', { name: new RegExp(`^${login.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click()
  const grid = page.getByRole('grid', { name: 'Steps' })
  await grid.waitFor()
  await grid.getByRole('row', { name: /^Step 3:/ }).click()
  await page.waitForTimeout(500)
  await page.screenshot({ path: join(OUT, 'workbench.png') })

  await page.keyboard.press('Control+k')
  await page.keyboard.type('add step che')
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(OUT, 'command-palette.png') })
  await page.keyboard.press('Escape')

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Data sets' }).click()
  await page.getByRole('link', { name: /^Demo accounts|accounts/i }).first().click()
  await page.getByRole('table').first().waitFor()
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(OUT, 'data-set.png') })
  console.log(`Wrote the screenshots to ${OUT}`)
} finally {
  await wb.close()
}
