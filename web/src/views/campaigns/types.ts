import type { ClockMode, DeliverableKind, PhaseKind } from '@/api/campaigns'

export type CampaignStatus = 'upcoming' | 'running' | 'ended'

/** Field errors keyed like the server's (title, phases[0].end_date, …). */
export type FieldErrors = Record<string, string>

export interface PhaseRow {
  name: string
  kind: PhaseKind
  start_date: string
  /** '' = open-ended (长期坚持). */
  end_date: string
}

export interface TaskAreaRow {
  id?: number
  name: string
  category_codes: string[]
  zone_kinds: string[]
  lead_unit_id: number | null
  lead_unit_name?: string
  target: string
  target_quantity?: number | null
  target_uom?: string
}

export interface DeliverableRow {
  id?: number
  kind: DeliverableKind
  title: string
  due_date: string
  per_unit: boolean
}

export interface AwardRow {
  name: string
  amount: number
  count: number | null
}

/** The create / edit form (weight as a percentage, dates as YYYY-MM-DD or ''). */
export interface CampaignForm {
  doc_number: string
  title: string
  issuer: string
  start_date: string
  end_date: string
  clock_mode: ClockMode
  weightPct: number
  unit_ids: number[]
  phases: PhaseRow[]
  task_areas: TaskAreaRow[]
  deliverables: DeliverableRow[]
  award_tiers: AwardRow[]
}

export interface WorkItemForm {
  title: string
  task_area_id: number | null
  target_quantity: number | undefined
  uom: string
  owner_unit_id: number | null
  deadline: string
}

export interface PhaseBar {
  index: number
  name: string
  kind: PhaseKind
  start: string
  end: string | null
  days: number | null
  /** Position on the axis in percent. */
  left: number
  width: number
  openEnded: boolean
  current: boolean
  past: boolean
}

export interface PhaseLayout {
  from: string
  to: string
  bars: PhaseBar[]
  todayPct: number | null
  ticks: { date: string; pct: number }[]
}

/** Tagged-problem counts of one campaign. */
export interface ProblemCounts {
  open: number
  closed: number
  total: number
}
