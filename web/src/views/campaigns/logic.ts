// Pure helpers of the campaign pages: dates, phases, form validation and the
// mapping between the edit form and the API body. No Vue, no network.
import type {
  Campaign,
  CampaignPhase,
  DeliverableState,
  DeliverableUnitStatus,
  NewCampaign,
  WorkItem,
} from '@/api/campaigns'
import type { Role } from '@/api/types'
import { t } from '@/i18n'
import type { CampaignForm, CampaignStatus, FieldErrors, PhaseBar, PhaseLayout, WorkItemForm } from './types'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const DAY = 86400000

export function isDate(s: string | null | undefined): s is string {
  if (!s || !DATE.test(s)) return false
  const d = new Date(s + 'T00:00:00Z')
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

function ms(s: string): number {
  return Date.parse(s + 'T00:00:00Z')
}

/** Whole days from a to b (b − a); both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  return Math.round((ms(b) - ms(a)) / DAY)
}

export function addDays(s: string, n: number): string {
  return new Date(ms(s) + n * DAY).toISOString().slice(0, 10)
}

/** Last day of a campaign: its end date, else the last phase end; null when open-ended. */
export function campaignEnd(c: { end_date: string | null; phases?: CampaignPhase[] }): string | null {
  if (c.end_date) return c.end_date
  const phases = c.phases ?? []
  if (!phases.length || phases.some((p) => !p.end_date)) return null
  return phases.reduce((m, p) => (p.end_date! > m ? p.end_date! : m), phases[0].end_date!)
}

export function campaignStatus(
  c: { start_date: string; end_date: string | null; phases?: CampaignPhase[] },
  today: string,
): CampaignStatus {
  if (today < c.start_date) return 'upcoming'
  const end = campaignEnd(c)
  if (end && today > end) return 'ended'
  return 'running'
}

/** Phases running on `today` (phases may overlap; the last may be open-ended). */
export function currentPhases(phases: CampaignPhase[], today: string): CampaignPhase[] {
  return phases.filter((p) => p.start_date <= today && (!p.end_date || today <= p.end_date))
}

/** Share of the campaign's days elapsed, 0..1; null when it has no end. */
export function timeProgress(
  c: { start_date: string; end_date: string | null; phases?: CampaignPhase[] },
  today: string,
): number | null {
  const end = campaignEnd(c)
  if (!end) return null
  const total = daysBetween(c.start_date, end) + 1
  const done = daysBetween(c.start_date, today) + 1
  return Math.min(1, Math.max(0, done / Math.max(1, total)))
}

/** End of the rectification (集中整治) phase, the date the burndown runs to. */
export function rectifyEnd(c: Pick<Campaign, 'phases' | 'end_date'>): string | null {
  const ends = c.phases.filter((p) => p.kind === 'rectify' && p.end_date).map((p) => p.end_date!)
  if (ends.length) return ends.sort().at(-1)!
  return c.end_date
}

/**
 * Bars of a Gantt-style phase timeline. The axis runs from the first start to the last
 * end; an open-ended phase (长期坚持) gets a tail of ~15% of the span and is flagged.
 */
export function phaseLayout(phases: CampaignPhase[], today: string, campaignEndDate?: string | null): PhaseLayout {
  if (!phases.length) return { from: '', to: '', bars: [], todayPct: null, ticks: [] }
  const from = phases.reduce((m, p) => (p.start_date < m ? p.start_date : m), phases[0].start_date)
  let to = phases.reduce((m, p) => {
    const e = p.end_date ?? p.start_date
    return e > m ? e : m
  }, campaignEndDate && campaignEndDate > from ? campaignEndDate : from)
  const openEnded = phases.some((p) => !p.end_date)
  if (openEnded) to = addDays(to, Math.max(14, Math.round(daysBetween(from, to) * 0.15)))
  const span = daysBetween(from, to) + 1
  const pct = (d: string) => (daysBetween(from, d) / span) * 100
  const bars: PhaseBar[] = phases.map((p, i) => {
    const end = p.end_date ?? to
    const left = pct(p.start_date)
    const width = Math.max(1.5, ((daysBetween(p.start_date, end) + 1) / span) * 100)
    return {
      index: i,
      name: p.name,
      kind: p.kind,
      start: p.start_date,
      end: p.end_date ?? null,
      days: p.end_date ? daysBetween(p.start_date, p.end_date) + 1 : null,
      left,
      width: Math.min(width, 100 - left),
      openEnded: !p.end_date,
      current: p.start_date <= today && (!p.end_date || today <= p.end_date),
      past: !!p.end_date && p.end_date < today,
    }
  })
  const todayPct = today >= from && today <= to ? ((daysBetween(from, today) + 0.5) / span) * 100 : null
  const ticks: { date: string; pct: number }[] = []
  const step = Math.max(1, Math.ceil(span / 8))
  for (let d = 0; d < span; d += step) {
    const date = addDays(from, d)
    ticks.push({ date, pct: (d / span) * 100 })
  }
  return { from, to, bars, todayPct, ticks }
}

// ---------------------------------------------------------------------------
// Create / edit form

export function emptyForm(today: string): CampaignForm {
  return {
    doc_number: '',
    title: '',
    issuer: '',
    start_date: today,
    end_date: '',
    clock_mode: 'every_day',
    weightPct: 0,
    unit_ids: [],
    phases: [
      { name: '动员部署阶段', kind: 'mobilize', start_date: today, end_date: addDays(today, 6) },
      { name: '集中整治阶段', kind: 'rectify', start_date: addDays(today, 7), end_date: addDays(today, 60) },
      { name: '总结验收阶段', kind: 'accept', start_date: addDays(today, 61), end_date: addDays(today, 70) },
    ],
    task_areas: [{ name: '', category_codes: [], zone_kinds: [], lead_unit_id: null, target: '' }],
    deliverables: [{ kind: 'work_plan', title: '工作方案', due_date: addDays(today, 6), per_unit: true }],
    award_tiers: [],
  }
}

export function formFromCampaign(c: Campaign): CampaignForm {
  return {
    doc_number: c.doc_number,
    title: c.title,
    issuer: c.issuer,
    start_date: c.start_date,
    end_date: c.end_date ?? '',
    clock_mode: c.clock_mode,
    weightPct: Math.round(c.weight * 100),
    unit_ids: [...c.unit_ids],
    phases: c.phases.map((p) => ({ name: p.name, kind: p.kind, start_date: p.start_date, end_date: p.end_date ?? '' })),
    task_areas: c.task_areas.map((a) => ({
      id: a.id,
      name: a.name,
      category_codes: [...(a.category_codes ?? [])],
      zone_kinds: [...(a.zone_kinds ?? [])],
      lead_unit_id: a.lead_unit_id ?? null,
      lead_unit_name: a.lead_unit_name ?? '',
      target: a.target ?? '',
      target_quantity: a.target_quantity ?? null,
      target_uom: a.target_uom ?? '',
    })),
    deliverables: c.deliverables.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      due_date: d.due_date,
      per_unit: d.per_unit ?? true,
    })),
    award_tiers: c.award_tiers.map((a) => ({ name: a.name, amount: a.amount, count: a.count ?? null })),
  }
}

/** Rows the user left completely empty are dropped before checking and sending. */
export function dropBlankRows(f: CampaignForm): CampaignForm {
  return {
    ...f,
    task_areas: f.task_areas.filter(
      (a) =>
        a.id ||
        a.name.trim() ||
        a.target.trim() ||
        a.category_codes.length ||
        a.zone_kinds.length ||
        a.lead_unit_id,
    ),
    award_tiers: f.award_tiers.filter((a) => a.name.trim() || a.amount > 0),
  }
}

/** Client-side checks, keyed like the server's field errors (phases[0].end_date …). */
export function validateCampaign(f: CampaignForm): FieldErrors {
  const e: FieldErrors = {}
  const req = t('campaign.v.required')
  if (!f.title.trim()) e.title = t('campaign.v.title')
  else if (f.title.length > 200) e.title = t('campaign.v.tooLong', { n: 200 })
  if (f.doc_number.length > 100) e.doc_number = t('campaign.v.tooLong', { n: 100 })
  if (f.issuer.length > 100) e.issuer = t('campaign.v.tooLong', { n: 100 })
  if (!isDate(f.start_date)) e.start_date = t('campaign.v.startDate')
  if (f.end_date && !isDate(f.end_date)) e.end_date = t('campaign.v.date')
  else if (f.end_date && isDate(f.start_date) && f.end_date < f.start_date) e.end_date = t('campaign.v.endBeforeStart')
  if (!(f.weightPct >= 0 && f.weightPct <= 100)) e.weight = t('campaign.v.weight')
  f.phases.forEach((p, i) => {
    const at = `phases[${i}]`
    if (!p.name.trim()) e[`${at}.name`] = req
    if (!p.kind) e[`${at}.kind`] = req
    if (!isDate(p.start_date)) e[`${at}.start_date`] = req
    else if (isDate(f.start_date) && p.start_date < f.start_date) e[`${at}.start_date`] = t('campaign.v.phaseBeforeStart')
    if (p.end_date && isDate(p.start_date) && p.end_date < p.start_date) e[`${at}.end_date`] = t('campaign.v.endBeforeStart')
  })
  f.task_areas.forEach((a, i) => {
    if (!a.name.trim()) e[`task_areas[${i}].name`] = req
  })
  f.deliverables.forEach((d, i) => {
    const at = `deliverables[${i}]`
    if (!d.title.trim()) e[`${at}.title`] = req
    if (!isDate(d.due_date)) e[`${at}.due_date`] = req
  })
  f.award_tiers.forEach((a, i) => {
    if (!a.name.trim()) e[`award_tiers[${i}].name`] = req
    if (!(a.amount >= 0)) e[`award_tiers[${i}].amount`] = req
  })
  return e
}

/** The form as the JSON body of POST /campaigns (PATCH adds version). */
export function formToBody(f: CampaignForm): NewCampaign {
  const body: NewCampaign = {
    doc_number: f.doc_number.trim(),
    title: f.title.trim(),
    issuer: f.issuer.trim(),
    start_date: f.start_date,
    clock_mode: f.clock_mode,
    weight: Math.round(f.weightPct) / 100,
    unit_ids: [...f.unit_ids],
    phases: f.phases.map((p) => ({
      name: p.name.trim(),
      kind: p.kind,
      start_date: p.start_date,
      ...(p.end_date ? { end_date: p.end_date } : {}),
    })),
    task_areas: f.task_areas.map((a) => {
      const out: NonNullable<NewCampaign['task_areas']>[number] = { name: a.name.trim() }
      if (a.id) out.id = a.id
      out.category_codes = [...a.category_codes]
      out.zone_kinds = [...a.zone_kinds]
      if (a.lead_unit_id) out.lead_unit_id = a.lead_unit_id
      if (a.lead_unit_name) out.lead_unit_name = a.lead_unit_name
      out.target = a.target.trim()
      if (a.target_quantity !== null && a.target_quantity !== undefined) out.target_quantity = a.target_quantity
      if (a.target_uom) out.target_uom = a.target_uom
      return out
    }),
    deliverables: f.deliverables.map((d) => ({
      ...(d.id ? { id: d.id } : {}),
      kind: d.kind,
      title: d.title.trim(),
      due_date: d.due_date,
      per_unit: d.per_unit,
    })),
    award_tiers: f.award_tiers.map((a) => ({
      name: a.name.trim(),
      amount: a.amount,
      ...(a.count ? { count: a.count } : {}),
    })),
  }
  if (f.end_date) body.end_date = f.end_date
  return body
}

export function validateWorkItem(f: WorkItemForm, campaignStart: string): FieldErrors {
  const e: FieldErrors = {}
  if (!f.title.trim()) e.title = t('campaign.v.required')
  if (!(typeof f.target_quantity === 'number' && f.target_quantity > 0)) e.target_quantity = t('campaign.v.positive')
  if (!f.uom.trim()) e.uom = t('campaign.v.required')
  else if (f.uom.trim().length > 10) e.uom = t('campaign.v.tooLong', { n: 10 })
  if (!f.owner_unit_id) e.owner_unit_id = t('campaign.v.required')
  if (!isDate(f.deadline)) e.deadline = t('campaign.v.required')
  else if (f.deadline < campaignStart) e.deadline = t('campaign.v.deadlineBeforeStart')
  return e
}

// ---------------------------------------------------------------------------
// Work items, deliverables

export function itemProgress(w: Pick<WorkItem, 'done_quantity' | 'target_quantity' | 'closed'>): number {
  if (w.closed) return 100
  if (!(w.target_quantity > 0)) return 0
  return Math.min(100, Math.round((w.done_quantity / w.target_quantity) * 1000) / 10)
}

/** A unit handler reports only for its own unit; admin and dispatcher for any. */
export function canReportFor(roles: readonly Role[], myUnitId: number | null | undefined, unitId: number | null): boolean {
  if (roles.includes('admin') || roles.includes('dispatcher')) return true
  return roles.includes('unit_handler') && unitId !== null && myUnitId === unitId
}

export interface MatrixRow {
  /** null: the campaign-wide row for deliverables reported once. */
  unitId: number | null
  cells: (DeliverableUnitStatus | null)[]
}

/** Unit × deliverable grid; a cell is null where the deliverable does not apply. */
export function deliverableMatrix(items: DeliverableState[], unitIds: number[]): MatrixRow[] {
  const ids = [...unitIds]
  for (const d of items) for (const u of d.units) if (u.unit_id !== null && !ids.includes(u.unit_id)) ids.push(u.unit_id)
  const rows: MatrixRow[] = ids.map((id) => ({
    unitId: id,
    cells: items.map((d) => (d.per_unit ? (d.units.find((u) => u.unit_id === id) ?? null) : null)),
  }))
  if (items.some((d) => !d.per_unit))
    rows.push({ unitId: null, cells: items.map((d) => (d.per_unit ? null : (d.units[0] ?? null))) })
  return rows
}

export function statusCounts(items: DeliverableState[]): Record<DeliverableUnitStatus['status'], number> {
  const out = { not_due: 0, submitted: 0, late: 0, missing: 0 }
  for (const d of items) for (const u of d.units) out[u.status]++
  return out
}

/** Server field errors ("phases[0].name") as a flat record, first message wins. */
export function fieldErrorMap(errors: { field: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {}
  for (const e of errors) if (e.field && !(e.field in out)) out[e.field] = e.message
  return out
}
