// How the schedules view writes times and results: instants in this machine's time zone, in
// words a tester reads at a glance.
export const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone

const LOCAL = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })

export function localTime(instant: string | null): string {
  return instant ? LOCAL.format(new Date(instant)) : '—'
}

/** The wall time of an ISO date-time with offset, as written on that clock ("Sun 8 Mar 2026, 03:00 (−04:00)"). */
export function wallTimeWords(isoWithOffset: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(isoWithOffset))
}

const STATUS_WORDS: Record<string, string> = {
  completed: 'passed',
  failed: 'failed',
  missed: 'missed',
  skipped: 'skipped',
  cancelled: 'cancelled',
  running: 'running',
  pending: 'waiting',
}

export function resultWords(status: string | null): string {
  return status ? (STATUS_WORDS[status] ?? status) : 'never ran'
}

/** Every IANA zone this browser knows, with UTC and the machine's own zone always present. */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [...new Set(['UTC', LOCAL_ZONE, ...known])].sort()
}
