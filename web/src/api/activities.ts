// Work log (工作日志/集中行动) and recurring duties (常态化要求) with their compliance.
import { http } from './http'
import type { ListResponse } from './types'

export const ACTIVITY_KINDS = [
  'cleanup',
  'friday_village_cleanup',
  'secretary_daily_hour',
  'publicity',
  'other',
] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]

/** Units of measure the server accepts for a quantity. */
export const QUANTITY_UNITS = ['吨', '条', '处', '㎡', '个', '辆', '万元'] as const
export type QuantityUnit = (typeof QUANTITY_UNITS)[number]

export interface Quantity {
  kind: string
  amount: number
  unit: QuantityUnit
}

export interface Activity {
  id: number
  kind: ActivityKind
  date: string
  unit_id: number
  campaign_id: number | null
  participants: number
  vehicles: number
  /** 万元 */
  funds: number
  quantities: Quantity[]
  attachment_ids: number[]
  note: string
  created_by: number
  created_at: string
}

export interface NewActivity {
  kind: ActivityKind
  date: string
  unit_id?: number
  campaign_id?: number
  participants?: number
  vehicles?: number
  funds?: number
  attachment_ids?: number[]
  note?: string
  quantities?: Quantity[]
}

export interface ActivityFilter {
  from?: string
  to?: string
  unit_id?: number
  kind?: ActivityKind
}

export interface ActivityTotals {
  from: string | null
  to: string | null
  activities: number
  participants: number
  vehicles: number
  funds: number
  quantities: Quantity[]
}

export interface Duty {
  id: number
  name: string
  who: 'unit' | 'village_cadres'
  unit_id: number | null
  activity_kind: ActivityKind
  frequency: 'daily' | 'weekly'
  weekday: number | null
  start_date: string
  end_date: string | null
}

export interface NewDuty {
  name: string
  who: Duty['who']
  unit_id?: number
  activity_kind: ActivityKind
  frequency: Duty['frequency']
  weekday?: number
  start_date: string
  end_date?: string
}

/** Who a duty binds: a unit, or one village cadre (包村干部) with the village they cover. */
export interface DutyParty {
  unit_id?: number | null
  unit_name?: string
  assignment_id?: number
  cadre_name?: string
  cadre_user_id?: number | null
  target_unit_id?: number | null
  target_name?: string
}

export interface ComplianceItem {
  duty_id: number
  duty_name: string
  who: DutyParty
  required_days: number
  missing_days: string[]
}

export interface Compliance {
  from: string
  to: string
  items: ComplianceItem[]
}

export const activitiesApi = {
  list: (f: ActivityFilter = {}) => http.get<ListResponse<Activity>>('/activities', { ...f }),
  totals: (f: ActivityFilter = {}) => http.get<ActivityTotals>('/activities/totals', { ...f }),
  create: (body: NewActivity) => http.post<Activity>('/activities', body),
}

export const dutiesApi = {
  list: () => http.get<ListResponse<Duty>>('/duties'),
  create: (body: NewDuty) => http.post<Duty>('/duties', body),
  compliance: (from: string, to: string) => http.get<Compliance>('/duties/compliance', { from, to }),
}

/** Thumbnail URL of an uploaded photo. */
export const thumbnailUrl = (id: number) => `/api/v1/attachments/${id}/thumbnail`
export const photoUrl = (id: number) => `/api/v1/attachments/${id}/file`
