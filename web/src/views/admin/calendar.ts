// The working calendar of one year: holidays (休) and make-up workdays (班) on a
// twelve-month grid, plus the daily working periods shared by every year.
import { computed, ref, shallowRef } from 'vue'
import { adminApi, type CalendarPeriod, type CalendarYear } from '@/api/admin'
import { today } from '@/utils/format'
import { errorText, useFormErrors } from './hooks'
import type { FieldErrors } from './types'

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup'

export interface DayCell {
  date: string
  day: number
  kind: DayKind
  /** 1 = Monday … 7 = Sunday */
  weekday: number
}

const pad = (n: number) => String(n).padStart(2, '0')
export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`

export function weekdayOf(y: number, m: number, d: number): number {
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return w === 0 ? 7 : w
}

export function dayKind(date: string, weekday: number, holidays: Set<string>, makeup: Set<string>): DayKind {
  if (holidays.has(date)) return 'holiday'
  if (makeup.has(date)) return 'makeup'
  return weekday >= 6 ? 'weekend' : 'workday'
}

/** Weeks (Monday first) of one month; null pads the first and last week. */
export function monthGrid(y: number, m: number, holidays: Set<string>, makeup: Set<string>): (DayCell | null)[][] {
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const cells: (DayCell | null)[] = Array.from({ length: weekdayOf(y, m, 1) - 1 }, () => null)
  for (let d = 1; d <= days; d++) {
    const date = isoDate(y, m, d)
    const weekday = weekdayOf(y, m, d)
    cells.push({ date, day: d, weekday, kind: dayKind(date, weekday, holidays, makeup) })
  }
  while (cells.length % 7) cells.push(null)
  const weeks: (DayCell | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** The next state of a clicked day: weekdays toggle 休; weekends cycle 休息 → 班 → 休 → 休息. */
export function nextKind(kind: DayKind, weekday: number): DayKind {
  if (weekday <= 5) return kind === 'holiday' ? 'workday' : 'holiday'
  if (kind === 'weekend') return 'makeup'
  if (kind === 'makeup') return 'holiday'
  return 'weekend'
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/
const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3))

export function validatePeriods(ps: CalendarPeriod[]): FieldErrors {
  const e: FieldErrors = {}
  if (ps.length < 1 || ps.length > 6) e.periods = '应有 1 到 6 个时段'
  let prevEnd = -1
  ps.forEach((p, i) => {
    if (!HHMM.test(p.start) || !HHMM.test(p.end)) {
      e[`periods.${i}`] = '时间应为 HH:MM'
      return
    }
    const s = minutes(p.start)
    const en = minutes(p.end)
    if (s >= en) e[`periods.${i}`] = `时段 ${p.start}–${p.end} 的开始时间应早于结束时间`
    else if (s < prevEnd) e[`periods.${i}`] = `时段 ${p.start}–${p.end} 与前一时段重叠或顺序颠倒`
    prevEnd = Math.max(prevEnd, en)
  })
  return e
}

export function workingMinutes(ps: CalendarPeriod[]): number {
  return ps.reduce((n, p) => (HHMM.test(p.start) && HHMM.test(p.end) ? n + Math.max(0, minutes(p.end) - minutes(p.start)) : n), 0)
}

/** A year without data comes with an explanatory note from the server, not a saved one. */
const baseNote = (c: CalendarYear) => (c.source ? (c.note ?? '') : '')

export function useCalendar() {
  const year = ref(Number(today().slice(0, 4)))
  const data = shallowRef<CalendarYear | null>(null)
  const holidays = ref(new Set<string>())
  const makeup = ref(new Set<string>())
  const source = ref('')
  const note = ref('')
  const periods = ref<CalendarPeriod[]>([])
  const loading = ref(false)
  const saving = ref(false)
  const loadError = ref('')
  const errors = useFormErrors(['source', 'note', 'holidays', 'makeup_workdays', 'periods', 'year'])

  function adopt(c: CalendarYear) {
    data.value = c
    holidays.value = new Set(c.holidays)
    makeup.value = new Set(c.makeup_workdays)
    source.value = c.source ?? ''
    note.value = baseNote(c)
    periods.value = (c.periods ?? []).map((p) => ({ ...p }))
  }

  async function load() {
    loading.value = true
    loadError.value = ''
    errors.clear()
    try {
      adopt(await adminApi.calendar(year.value))
    } catch (e) {
      loadError.value = errorText(e)
      data.value = null
    } finally {
      loading.value = false
    }
  }

  const months = computed(() =>
    Array.from({ length: 12 }, (_, i) => ({ month: i + 1, weeks: monthGrid(year.value, i + 1, holidays.value, makeup.value) })),
  )

  /** True when the server has no calendar for the year (weekdays only). */
  const missing = computed(() => !!data.value && !data.value.source)

  const stats = computed(() => {
    let work = 0
    let rest = 0
    for (const m of months.value)
      for (const w of m.weeks)
        for (const d of w) {
          if (!d) continue
          if (d.kind === 'workday' || d.kind === 'makeup') work++
          else rest++
        }
    return { work, rest, holidays: holidays.value.size, makeup: makeup.value.size }
  })

  const sorted = (s: Set<string>) => [...s].sort()
  const dirty = computed(() => {
    const c = data.value
    if (!c) return false
    return (
      sorted(holidays.value).join() !== [...c.holidays].sort().join() ||
      sorted(makeup.value).join() !== [...c.makeup_workdays].sort().join() ||
      source.value !== (c.source ?? '') ||
      note.value !== baseNote(c) ||
      JSON.stringify(periods.value) !== JSON.stringify(c.periods ?? [])
    )
  })

  function toggle(d: DayCell) {
    const next = nextKind(d.kind, d.weekday)
    const h = new Set(holidays.value)
    const m = new Set(makeup.value)
    h.delete(d.date)
    m.delete(d.date)
    if (next === 'holiday') h.add(d.date)
    if (next === 'makeup') m.add(d.date)
    holidays.value = h
    makeup.value = m
  }

  function revert() {
    if (data.value) adopt(data.value)
    errors.clear()
  }

  async function save(): Promise<boolean> {
    const local: FieldErrors = validatePeriods(periods.value)
    if (!source.value.trim()) local.source = '请填写依据（如国务院办公厅通知文号）'
    else if (source.value.length > 500) local.source = '最长 500 个字'
    if (note.value.length > 500) local.note = '最长 500 个字'
    if (!errors.check(local)) return false
    saving.value = true
    try {
      const body: CalendarYear = {
        year: year.value,
        source: source.value.trim(),
        holidays: sorted(holidays.value),
        makeup_workdays: sorted(makeup.value),
        periods: periods.value,
      }
      if (note.value.trim()) body.note = note.value.trim()
      adopt(await adminApi.saveCalendar(year.value, body))
      return true
    } catch (e) {
      errors.apply(e)
      return false
    } finally {
      saving.value = false
    }
  }

  return { year, data, holidays, makeup, source, note, periods, loading, saving, loadError, errors, months, stats, dirty, missing, load, toggle, revert, save }
}
