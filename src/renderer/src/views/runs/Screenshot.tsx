// A kept screenshot, read through the contract (browser mode cannot load the data folder's files
// and its data routes need the session header), shown fitted or zoomed to its real size.
import { useEffect, useState } from 'react'
import { useApp } from '../../StoreContext'
import { errorText } from './run-format'

export function Screenshot({ path, label }: { path: string; label: string }) {
  const client = useApp((s) => s.client)
  const [src, setSrc] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [zoomed, setZoomed] = useState(false)
  useEffect(() => {
    let live = true
    let url: string | null = null
    setSrc(null)
    client.artifacts.image({ path }).then(
      (image) => {
        if (!live) return
        const bytes = Uint8Array.from(atob(image.data), (c) => c.charCodeAt(0))
        url = URL.createObjectURL(new Blob([bytes], { type: image.mime }))
        setSrc(url)
      },
      (e) => live && setError(errorText(e)),
    )
    return () => {
      live = false
      if (url) URL.revokeObjectURL(url)
    }
  }, [client, path])
  if (error) return <p className="muted">Screenshot not available: {error}</p>
  if (!src) return <p className="loading">Loading the screenshot…</p>
  return (
    <figure className={zoomed ? 'screenshot zoomed' : 'screenshot'}>
      <button type="button" className="plain" aria-pressed={zoomed} aria-label={zoomed ? `${label}, fit to width` : `${label}, zoom to real size`} onClick={() => setZoomed(!zoomed)}>
        <img src={src} alt={label} />
      </button>
      <figcaption className="muted">{label} (click to {zoomed ? 'fit' : 'zoom'})</figcaption>
    </figure>
  )
}
