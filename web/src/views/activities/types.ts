import type { ActivityKind, Duty, QuantityUnit } from '@/api/activities'

/** One quantity row as edited (amount empty until typed). */
export interface QuantityRow {
  kind: string
  amount: number | null
  unit: QuantityUnit | ''
}

export interface ActivityForm {
  kind: ActivityKind | ''
  date: string
  unit_id: number | null
  campaign_id: number | null
  participants: number | null
  vehicles: number | null
  funds: number | null
  quantities: QuantityRow[]
  note: string
}

export interface WorklogFilters {
  from: string
  to: string
  unit_id: number | null
  kind: ActivityKind | ''
}

export interface DutyForm {
  name: string
  who: Duty['who']
  unit_id: number | null
  activity_kind: ActivityKind
  frequency: Duty['frequency']
  weekday: number | null
  start_date: string
  end_date: string
}

/** One compliance line with its derived numbers. */
export interface ComplianceRow {
  key: string
  duty_id: number
  duty_name: string
  who: string
  whoDetail: string
  required: number
  missing: string[]
  done: number
  rate: number | null
}

export type FieldErrors = Record<string, string>
