import type { InspectionKind, InspectionLevel, Severity } from '@/api/inspections'

/** The "new round" form as edited (nullable until chosen). */
export interface RoundForm {
  kind: InspectionKind | ''
  level: InspectionLevel | ''
  date: string
  title: string
  inspector_ids: number[]
  campaign_id: number | null
  note: string
}

/** One checklist answer: pass/fail for check items, a measured value for measure items. */
export interface ItemAnswer {
  passed: boolean | null
  value: number | null
}

export interface ScoreForm {
  unit_id: number | null
  /** '' = direct score without a checklist. */
  site_type: string
  site_name: string
  answers: Record<string, ItemAnswer>
  score: number | null
  note: string
}

export interface ScorePreview {
  score: number | null
  passed: number
  total: number
  unanswered: number
}

export interface FindingForm {
  category_code: string
  severity: Severity
  address: string
  description: string
  lng: number | null
  lat: number | null
}

/** Per-round numbers shown in the list (from the round's detail). */
export interface RoundStats {
  units: number
  sites: number
  average: number | null
  findings: number
  rechecked: number
  sampled: number
}

export type FieldErrors = Record<string, string>
