// CodeMirror 6 for JavaScript and JSON fields, loaded when first shown so the rest of the app
// starts without it. It keeps its own undo history for the text (Ctrl+Z inside it).
import { useEffect, useRef, useState } from 'react'

type Language = 'javascript' | 'json'

interface Loaded {
  EditorView: typeof import('@codemirror/view').EditorView
  EditorState: typeof import('@codemirror/state').EditorState
  basicSetup: typeof import('codemirror').basicSetup
  javascript: typeof import('@codemirror/lang-javascript').javascript
  json: typeof import('@codemirror/lang-json').json
}

let loading: Promise<Loaded> | null = null
function load(): Promise<Loaded> {
  loading ??= Promise.all([import('@codemirror/view'), import('@codemirror/state'), import('codemirror'), import('@codemirror/lang-javascript'), import('@codemirror/lang-json')]).then(
    ([view, state, cm, js, json]) => ({ EditorView: view.EditorView, EditorState: state.EditorState, basicSetup: cm.basicSetup, javascript: js.javascript, json: json.json }),
  )
  return loading
}

export function CodeEditor({ value, onChange, label, language, describedBy }: { value: string; onChange(value: string): void; label: string; language: Language; describedBy?: string }) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<import('@codemirror/view').EditorView | null>(null)
  const change = useRef(onChange)
  change.current = onChange
  const [failed, setFailed] = useState<string | null>(null)

  useEffect(() => {
    let disposed = false
    load().then(
      (cm) => {
        if (disposed || !host.current) return
        view.current = new cm.EditorView({
          parent: host.current,
          state: cm.EditorState.create({
            doc: value,
            extensions: [
              cm.basicSetup,
              language === 'json' ? cm.json() : cm.javascript(),
              cm.EditorView.contentAttributes.of({ 'aria-label': label, ...(describedBy ? { 'aria-describedby': describedBy } : {}) }),
              cm.EditorView.updateListener.of((update) => {
                if (update.docChanged) change.current(update.state.doc.toString())
              }),
            ],
          }),
        })
      },
      (error: Error) => setFailed(error.message),
    )
    return () => {
      disposed = true
      view.current?.destroy()
      view.current = null
    }
    // The editor is made once; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language, label])

  // Undo in the app or a reload from elsewhere replaces the text.
  useEffect(() => {
    const current = view.current
    if (current && current.state.doc.toString() !== value) current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } })
  }, [value])

  if (failed) return <textarea aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} rows={5} />
  return <div ref={host} className="code-editor" />
}
