// The size of an element, kept current with a ResizeObserver (virtualised lists need numbers).
// A callback ref, so an element that mounts later (after loading) is measured too.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'

export function useSize<T extends HTMLElement>(): [RefObject<T | null> & ((element: T | null) => void), { width: number; height: number }] {
  const [element, setElement] = useState<T | null>(null)
  const [size, setSize] = useState({ width: 0, height: 0 })
  const current = useRef<T | null>(null)
  const ref = useCallback((node: T | null) => {
    current.current = node
    setElement(node)
  }, []) as RefObject<T | null> & ((element: T | null) => void)
  Object.defineProperty(ref, 'current', { get: () => current.current, configurable: true })
  useEffect(() => {
    if (!element) return
    const measure = () => setSize((old) => (old.width === element.clientWidth && old.height === element.clientHeight ? old : { width: element.clientWidth, height: element.clientHeight }))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return [ref, size]
}
