// Browser configurations: which browser, headless or not, viewport or a device, locale, time
// zone, color scheme.
import { useEffect, useId } from 'react'
import { DocHeader } from '../../components/DocHeader'
import type { BrowserDoc } from '../../store/doc-adapters'
import { useApp, useAppStore } from '../../StoreContext'
import { LibraryView, useLibraryDoc, type LibraryConfig } from './LibraryView'

export function BrowsersView() {
  const client = useAppStore().getState().client
  const config: LibraryConfig = {
    kind: 'browser',
    section: 'browsers',
    noun: 'browser configuration',
    title: 'Browser configurations',
    intro: 'How a test sees the web: browser, viewport or device, locale and time zone.',
    create: async (name) => (await client.browsers.create({ name })).id,
    remove: async (id) => void (await client.browsers.delete({ id })),
  }
  return <LibraryView config={config} editor={(id) => <BrowserEditor key={id} id={id} />} />
}

const TIME_ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone')
  } catch {
    return []
  }
})()

function BrowserEditor({ id }: { id: string }) {
  const store = useAppStore()
  const uid = useId()
  const devices = useApp((s) => s.devices)
  const { doc, error } = useLibraryDoc('browser', id)
  useEffect(() => void store.getState().loadDevices(), [store])
  if (error && !doc) return <p role="alert" className="pane">Could not open the configuration: {error}</p>
  if (!doc) return <p className="loading pane">Opening…</p>
  const config = doc.present as BrowserDoc
  const edit = <K extends keyof BrowserDoc>(key: K, value: BrowserDoc[K]) => store.getState().editDoc<BrowserDoc>('browser', (d) => ({ ...d, [key]: value }), key)
  const size = (key: 'viewport_width' | 'viewport_height', text: string) => {
    const n = Number(text)
    edit(key, text.trim() === '' ? null : Number.isInteger(n) ? n : config[key])
  }
  const chooseDevice = (name: string) => {
    const device = devices?.find((d) => d.name === name)
    store.getState().editDoc<BrowserDoc>(
      'browser',
      (d) => ({ ...d, device_name: name || null, ...(device ? { browser_name: device.browser_name, viewport_width: device.viewport_width, viewport_height: device.viewport_height } : {}) }),
      'device',
    )
  }

  return (
    <section className="pane editor scroll" aria-label={`Browser configuration ${config.name}`} data-undo="browser" data-region>
      <DocHeader kind="browser" title={config.name} label="Configuration name" onRename={(name) => edit('name', name)} />
      <form className="form" onSubmit={(e) => e.preventDefault()}>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${uid}-browser`}>Browser</label>
            <select id={`${uid}-browser`} value={config.browser_name} onChange={(e) => edit('browser_name', e.target.value as BrowserDoc['browser_name'])}>
              <option value="chromium">Chromium (Chrome, Edge)</option>
              <option value="firefox">Firefox</option>
              <option value="webkit">WebKit (Safari)</option>
            </select>
          </div>
          <div className="field checkbox">
            <label>
              <input type="checkbox" checked={config.headless} onChange={(e) => edit('headless', e.target.checked)} />
              Headless (no window)
            </label>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-device`}>Device</label>
          <select id={`${uid}-device`} value={config.device_name ?? ''} onChange={(e) => chooseDevice(e.target.value)}>
            <option value="">None (desktop window)</option>
            {config.device_name && !devices?.some((d) => d.name === config.device_name) && <option value={config.device_name}>{config.device_name}</option>}
            {devices?.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name} ({d.viewport_width}×{d.viewport_height})
              </option>
            ))}
          </select>
          <span className="hint">A device sets the viewport, user agent and touch like Playwright's device descriptors.</span>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${uid}-w`}>Viewport width</label>
            <input id={`${uid}-w`} inputMode="numeric" value={config.viewport_width ?? ''} placeholder="1280" onChange={(e) => size('viewport_width', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-h`}>Viewport height</label>
            <input id={`${uid}-h`} inputMode="numeric" value={config.viewport_height ?? ''} placeholder="720" onChange={(e) => size('viewport_height', e.target.value)} />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${uid}-locale`}>Locale</label>
            <input id={`${uid}-locale`} value={config.locale ?? ''} placeholder="en-GB" onChange={(e) => edit('locale', e.target.value || null)} />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-tz`}>Time zone</label>
            <input id={`${uid}-tz`} list={`${uid}-zones`} value={config.timezone_id ?? ''} placeholder="Europe/Paris" onChange={(e) => edit('timezone_id', e.target.value || null)} />
            <datalist id={`${uid}-zones`}>
              {TIME_ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${uid}-scheme`}>Color scheme</label>
            <select id={`${uid}-scheme`} value={config.color_scheme ?? ''} onChange={(e) => edit('color_scheme', (e.target.value || null) as BrowserDoc['color_scheme'])}>
              <option value="">Browser default</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${uid}-ua`}>User agent</label>
            <input id={`${uid}-ua`} value={config.user_agent ?? ''} placeholder="the browser's own" onChange={(e) => edit('user_agent', e.target.value || null)} />
          </div>
        </div>
      </form>
    </section>
  )
}
