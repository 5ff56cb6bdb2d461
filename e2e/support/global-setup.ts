// Once before the suite: build the UI the browser-mode tests open (skipped when up to date).
import { ensureRendererBuilt } from '../../src/main/host/ui-build'

export default async function setup(): Promise<void> {
  await ensureRendererBuilt((message) => console.log(message))
}
