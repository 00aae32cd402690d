// Display helpers. All times are shown in Asia/Shanghai whatever the browser's zone.

const TZ = 'Asia/Shanghai'

const partsFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function parts(d: Date): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of partsFmt.formatToParts(d)) out[p.type] = p.value
  return out
}

function toDate(v: string | number | Date | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null
  const d = v instanceof Date ? v : new Date(v)
  return Number.isNaN(d.getTime()) ? null : d
}

/** "2024-09-13 16:00" */
export function fmtDateTime(v: string | number | Date | null | undefined, seconds = false): string {
  const d = toDate(v)
  if (!d) return '—'
  const p = parts(d)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? ':' + p.second : ''}`
}

/** "2024-09-13" (Shanghai calendar date) */
export function fmtDate(v: string | number | Date | null | undefined): string {
  const d = toDate(v)
  if (!d) return '—'
  const p = parts(d)
  return `${p.year}-${p.month}-${p.day}`
}

/** "09-13 16:00" for dense tables. */
export function fmtShort(v: string | number | Date | null | undefined): string {
  const d = toDate(v)
  if (!d) return '—'
  const p = parts(d)
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** Today's date in Shanghai, YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return fmtDate(now)
}

/** First day of the current month in Shanghai, YYYY-MM-DD. */
export function monthStart(now: Date = new Date()): string {
  return today(now).slice(0, 8) + '01'
}

/** Shanghai date `n` days before `now`. */
export function daysAgo(n: number, now: Date = new Date()): string {
  return fmtDate(new Date(now.getTime() - n * 86400000))
}

/** ISO 8601 with +08:00 for a Date, as the server expects. */
export function toIsoShanghai(d: Date): string {
  const p = parts(d)
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+08:00`
}

/** "3小时20分" / "2天5小时" for a signed duration in ms (absolute value). */
export function fmtDuration(ms: number, en = false): string {
  const m = Math.floor(Math.abs(ms) / 60000)
  const d = Math.floor(m / 1440)
  const h = Math.floor((m % 1440) / 60)
  const min = m % 60
  if (en) return d ? `${d}d ${h}h` : h ? `${h}h ${min}m` : `${min}m`
  return d ? `${d}天${h}小时` : h ? `${h}小时${min}分` : `${min}分钟`
}

export function fmtCoord(lng: number | null | undefined, lat: number | null | undefined): string {
  if (lng === null || lng === undefined || lat === null || lat === undefined) return '—'
  return `${lng.toFixed(6)}, ${lat.toFixed(6)}`
}

/** Great-circle distance in metres. */
export function distanceM(a: [number, number], b: [number, number]): number {
  const R = 6371008.8
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * R * Math.asin(Math.sqrt(h))
}

export function shortHash(h: string | null | undefined, n = 12): string {
  return h ? h.slice(0, n) : '—'
}
