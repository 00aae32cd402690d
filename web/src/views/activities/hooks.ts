// Work log page: filters, list and totals, the entry form with quantities and photos,
// recurring duties and their compliance.
import { computed, ref, shallowRef } from 'vue'
import {
  ACTIVITY_KINDS,
  activitiesApi,
  dutiesApi,
  type Activity,
  type ActivityFilter,
  type ActivityKind,
  type ActivityTotals,
  type Compliance,
  type ComplianceItem,
  type Duty,
  type NewActivity,
  type NewDuty,
  type QuantityUnit,
} from '@/api/activities'
import { ApiError } from '@/api/http'
import { t } from '@/i18n'
import { daysAgo, today } from '@/utils/format'
import type { ActivityForm, ComplianceRow, DutyForm, FieldErrors, WorklogFilters } from './types'

/** Roles that may log work (the server checks again, and limits units to their own). */
export const LOG_ROLES = ['admin', 'dispatcher', 'inspector', 'grid_worker', 'unit_handler'] as const
/** Roles that read duty compliance. */
export const COMPLIANCE_ROLES = ['admin', 'dispatcher', 'inspector', 'leader', 'viewer'] as const
/** Roles that create duties. */
export const DUTY_ROLES = ['admin', 'dispatcher'] as const

export const KIND_COLORS: Record<ActivityKind, string> = {
  cleanup: '#1d5bd8',
  friday_village_cleanup: '#18a058',
  secretary_daily_hour: '#f0a020',
  publicity: '#8e5bd8',
  other: '#7a8799',
}

/** Frequent quantity items from the work reports, with their usual unit. */
export const QUANTITY_PRESETS: { kind: string; unit: QuantityUnit }[] = [
  { kind: '清运垃圾杂物', unit: '吨' },
  { kind: '清理小广告', unit: '条' },
  { kind: '清理卫生死角', unit: '处' },
  { kind: '清理乱堆乱放', unit: '处' },
  { kind: '拆除临时建筑', unit: '㎡' },
  { kind: '粉刷墙面', unit: '㎡' },
  { kind: '规范车辆停放', unit: '辆' },
  { kind: '取缔占道经营', unit: '处' },
  { kind: '更换垃圾箱', unit: '个' },
  { kind: '发放宣传资料', unit: '个' },
]

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** Server field errors by field; quantity rows keep their index (`quantities[1].amount`). */
export function serverErrors(e: unknown): FieldErrors {
  if (!(e instanceof ApiError)) return {}
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(e.fieldErrors())) {
    const key = /^quantities\[\d+\]\.\w+$/.test(k) ? k : k.replace(/\[\d+\].*$/, '')
    if (!(key in out)) out[key] = v
  }
  return out
}

/** The last 30 days: long enough for the per-day chart early in a month too. */
export function defaultFilters(now = new Date()): WorklogFilters {
  return { from: daysAgo(29, now), to: today(now), unit_id: null, kind: '' }
}

export function toApiFilter(f: WorklogFilters): ActivityFilter {
  return {
    from: f.from || undefined,
    to: f.to || undefined,
    unit_id: f.unit_id ?? undefined,
    kind: f.kind || undefined,
  }
}

// ---------------------------------------------------------------- form

export function emptyActivity(unitId: number | null = null, day = today()): ActivityForm {
  return {
    kind: 'cleanup',
    date: day,
    unit_id: unitId,
    campaign_id: null,
    participants: null,
    vehicles: null,
    funds: null,
    quantities: [{ kind: '', amount: null, unit: '' }],
    note: '',
  }
}

/** A quantity row left completely empty is ignored; a half-filled one is an error. */
export function isBlankRow(q: ActivityForm['quantities'][number]): boolean {
  return !q.kind.trim() && (q.amount === null || q.amount === undefined) && !q.unit
}

export function validateActivity(f: ActivityForm, now = today()): FieldErrors {
  const e: FieldErrors = {}
  if (!f.kind) e.kind = t('worklog.form.kindRequired')
  if (!f.date || !/^\d{4}-\d{2}-\d{2}$/.test(f.date)) e.date = t('worklog.form.dateRequired')
  else if (f.date > now) e.date = t('worklog.form.dateFuture')
  if (!f.unit_id) e.unit_id = t('worklog.form.unitRequired')
  const rows = f.quantities.filter((q) => !isBlankRow(q))
  if (rows.length > 30) e.quantities = t('worklog.form.tooMany')
  f.quantities.forEach((q, i) => {
    if (isBlankRow(q)) return
    if (!q.kind.trim()) e[`quantities[${i}].kind`] = t('worklog.form.qKindRequired')
    if (q.amount === null || q.amount === undefined || !Number.isFinite(q.amount) || q.amount < 0)
      e[`quantities[${i}].amount`] = t('worklog.form.qAmountRequired')
    if (!q.unit) e[`quantities[${i}].unit`] = t('worklog.form.qUnitRequired')
  })
  return e
}

/**
 * The request body. Quantity rows are sent in form order without blank ones, so
 * `quantities[i]` of a server error is mapped back through `rowIndex`.
 */
export function toNewActivity(f: ActivityForm, attachmentIds: number[]): { body: NewActivity; rowIndex: number[] } {
  const rowIndex: number[] = []
  const quantities = f.quantities.flatMap((q, i) => {
    if (isBlankRow(q)) return []
    rowIndex.push(i)
    return [{ kind: q.kind.trim(), amount: q.amount as number, unit: q.unit as QuantityUnit }]
  })
  const body: NewActivity = { kind: f.kind as ActivityKind, date: f.date }
  if (f.unit_id) body.unit_id = f.unit_id
  if (f.campaign_id) body.campaign_id = f.campaign_id
  if (f.participants !== null) body.participants = f.participants
  if (f.vehicles !== null) body.vehicles = f.vehicles
  if (f.funds !== null) body.funds = f.funds
  if (f.note.trim()) body.note = f.note.trim()
  if (quantities.length) body.quantities = quantities
  if (attachmentIds.length) body.attachment_ids = attachmentIds
  return { body, rowIndex }
}

/** Maps `quantities[k].x` of the sent body back to the form row. */
export function remapQuantityErrors(errs: FieldErrors, rowIndex: number[]): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(errs)) {
    const m = /^quantities\[(\d+)\]\.(\w+)$/.exec(k)
    out[m ? `quantities[${rowIndex[Number(m[1])] ?? m[1]}].${m[2]}` : k] = v
  }
  return out
}

// ---------------------------------------------------------------- list and totals

export function useWorklog(filters: () => WorklogFilters) {
  const items = shallowRef<Activity[]>([])
  const totals = shallowRef<ActivityTotals | null>(null)
  const loading = ref(false)
  const error = ref('')
  let generation = 0

  async function reload() {
    const gen = ++generation
    loading.value = true
    error.value = ''
    try {
      const q = toApiFilter(filters())
      const [list, sum] = await Promise.all([activitiesApi.list(q), activitiesApi.totals(q)])
      if (gen !== generation) return
      items.value = list.items
      totals.value = sum
    } catch (e) {
      if (gen === generation) error.value = errorText(e)
    } finally {
      if (gen === generation) loading.value = false
    }
  }
  return { items, totals, loading, error, reload }
}

/** Dates from `from` to `to` inclusive (YYYY-MM-DD, calendar arithmetic in UTC). */
export function dateRange(from: string, to: string, max = 400): string[] {
  const out: string[] = []
  const d = new Date(from + 'T00:00:00Z')
  const end = new Date(to + 'T00:00:00Z')
  while (d <= end && out.length < max) {
    out.push(d.toISOString().slice(0, 10))
    d.setUTCDate(d.getUTCDate() + 1)
  }
  return out
}

/** Activities per day and kind, for the stacked bar chart. */
export function dailyCounts(items: Activity[], from: string, to: string) {
  const days = dateRange(from, to)
  const index = new Map(days.map((d, i) => [d, i]))
  const series = ACTIVITY_KINDS.map((k) => ({ kind: k, data: days.map(() => 0) }))
  for (const a of items) {
    const i = index.get(a.date)
    if (i === undefined) continue
    const s = series.find((x) => x.kind === a.kind)
    if (s) s.data[i]++
  }
  return { days, series: series.filter((s) => s.data.some((n) => n > 0)) }
}

/** Formats an amount without trailing zeros (3.50 → 3.5, 120.00 → 120). */
export function fmtAmount(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100)
}

// ---------------------------------------------------------------- duties

export function defaultComplianceRange(now = new Date()): [string, string] {
  return [daysAgo(13, now), today(now)]
}

export function partyLabel(it: ComplianceItem): { who: string; detail: string } {
  if (it.who.cadre_name !== undefined)
    return {
      who: it.who.cadre_name || t('worklog.duty.cadre'),
      detail: it.who.target_name ? `${t('worklog.duty.village')} ${it.who.target_name}` : t('worklog.duty.cadre'),
    }
  return { who: it.who.unit_name || `#${it.who.unit_id ?? ''}`, detail: '' }
}

export function complianceRows(c: Compliance | null): ComplianceRow[] {
  return (c?.items ?? []).map((it, i) => {
    const { who, detail } = partyLabel(it)
    const done = Math.max(0, it.required_days - it.missing_days.length)
    return {
      key: `${it.duty_id}-${i}`,
      duty_id: it.duty_id,
      duty_name: it.duty_name,
      who,
      whoDetail: detail,
      required: it.required_days,
      missing: it.missing_days,
      done,
      rate: it.required_days ? Math.round((1000 * done) / it.required_days) / 10 : null,
    }
  })
}

export function complianceSummary(rows: ComplianceRow[]) {
  const required = rows.reduce((a, r) => a + r.required, 0)
  const done = rows.reduce((a, r) => a + r.done, 0)
  return {
    required,
    done,
    missing: required - done,
    rate: required ? Math.round((1000 * done) / required) / 10 : null,
    parties: rows.filter((r) => r.missing.length).length,
  }
}

export function useCompliance() {
  const range = ref<[string, string]>(defaultComplianceRange())
  const data = shallowRef<Compliance | null>(null)
  const duties = shallowRef<Duty[]>([])
  const loading = ref(false)
  const error = ref('')
  async function reload() {
    loading.value = true
    error.value = ''
    try {
      const [c, d] = await Promise.all([dutiesApi.compliance(range.value[0], range.value[1]), dutiesApi.list()])
      data.value = c
      duties.value = d.items
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }
  const rows = computed(() => complianceRows(data.value))
  const summary = computed(() => complianceSummary(rows.value))
  return { range, data, duties, rows, summary, loading, error, reload }
}

export function emptyDuty(day = today()): DutyForm {
  return {
    name: '',
    who: 'unit',
    unit_id: null,
    activity_kind: 'secretary_daily_hour',
    frequency: 'daily',
    weekday: null,
    start_date: day,
    end_date: '',
  }
}

export function validateDuty(f: DutyForm): FieldErrors {
  const e: FieldErrors = {}
  if (!f.name.trim()) e.name = t('worklog.duty.nameRequired')
  if (f.who === 'unit' && !f.unit_id) e.unit_id = t('worklog.duty.unitRequired')
  if (f.frequency === 'weekly' && !f.weekday) e.weekday = t('worklog.duty.weekdayRequired')
  if (!f.start_date) e.start_date = t('worklog.duty.startRequired')
  if (f.end_date && f.start_date && f.end_date < f.start_date) e.end_date = t('worklog.duty.endBeforeStart')
  return e
}

export function toNewDuty(f: DutyForm): NewDuty {
  const body: NewDuty = {
    name: f.name.trim(),
    who: f.who,
    activity_kind: f.activity_kind,
    frequency: f.frequency,
    start_date: f.start_date,
  }
  if (f.who === 'unit' && f.unit_id) body.unit_id = f.unit_id
  if (f.frequency === 'weekly' && f.weekday) body.weekday = f.weekday
  if (f.end_date) body.end_date = f.end_date
  return body
}
