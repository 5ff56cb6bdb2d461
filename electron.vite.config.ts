// Builds the three worlds: main (Node, ESM), preload (sandboxed, so CommonJS) and the renderer.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import type { UserConfig } from 'vite'

const root = import.meta.dirname

/**
 * The renderer build. Browser mode builds it too, on first use (src/main/host/ui-build.ts), into
 * its own folder and with absolute asset paths; the Electron window loads this one from file://.
 */
const rendererConfig: UserConfig = {
  root: resolve(root, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(root, 'src/renderer/index.html') },
  },
}

/** The recorder's page script is bundled with the app, so an installed copy records without sources. */
const recorderPageScript = {
  name: 'testdesk-recorder-page-script',
  async closeBundle() {
    const { buildPageScript } = await import('./src/main/recorder/page-script')
    await buildPageScript()
  },
}

export default defineConfig({
  main: {
    plugins: [recorderPageScript],
    build: {
      externalizeDeps: true,
      outDir: resolve(root, 'out/main'),
      rollupOptions: { input: { index: resolve(root, 'src/main/app/index.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
})
