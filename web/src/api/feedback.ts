// 交办清单 (higher-level feedback lists): a spreadsheet of problems sent by a district,
// city or provincial inspection, the media or the 12345 hotline. Import is previewed
// (dry_run) row by row, then every item becomes a ledger problem linked to the list;
// the answer (整改情况报告) is a DOCX.
import { http, requestBlob } from './http'
import type { ProblemState } from './types'

export type FeedbackSource = 'higher_level' | 'media' | 'citizen'
export const FEEDBACK_SOURCES: FeedbackSource[] = ['higher_level', 'media', 'citizen']

export type SourceLevel = '区' | '市' | '省'
export const SOURCE_LEVELS: SourceLevel[] = ['区', '市', '省']

/** Spreadsheet columns the server understands (keys of `mapping`, `columns`, `values`). */
export type FeedbackField =
  | 'ref'
  | 'description'
  | 'address'
  | 'category'
  | 'lng'
  | 'lat'
  | 'grid'
  | 'unit'
  | 'deadline'
export const FEEDBACK_FIELDS: FeedbackField[] = [
  'ref',
  'description',
  'address',
  'category',
  'lng',
  'lat',
  'grid',
  'unit',
  'deadline',
]

export interface FeedbackCounts {
  items: number
  closed: number
  overdue: number
}

/** A row of GET /feedback-lists. */
export interface FeedbackList {
  id: number
  title: string
  doc_number: string
  issuing_body: string
  source: FeedbackSource
  source_level: SourceLevel | null
  received_on: string
  due_on: string | null
  campaign_id: number | null
  filename: string
  counts: FeedbackCounts
  created_at: string
}

/** One item of GET /feedback-lists/{id}: the sheet row and the problem it became. */
export interface FeedbackItem {
  id: number
  row: number
  ref: string
  values: Partial<Record<FeedbackField, string>>
  problem_id: number | null
  number: string
  state: ProblemState | ''
  unit_id: number | null
  deadline: string | null
  overdue: boolean
  closed_at: string | null
}

export interface FeedbackListDetail extends FeedbackList {
  items: FeedbackItem[]
}

/** The `meta` part of POST /feedback-lists. */
export interface FeedbackMeta {
  title: string
  doc_number?: string
  issuing_body?: string
  source: FeedbackSource
  source_level?: SourceLevel
  received_on?: string
  due_on?: string
  campaign_id?: number
  header_row?: number
  mapping?: Partial<Record<FeedbackField, string>>
}

export interface PreviewRow {
  row: number
  ref: string
  ok: boolean
  values: Partial<Record<FeedbackField, string>>
  category_code: string
  category_name: string
  unit_name: string
  lng: number
  lat: number
  errors: { field: string; message: string }[]
}

/** 200 of POST /feedback-lists?dry_run=true. */
export interface FeedbackPreview {
  dry_run: boolean
  header_row: number
  headers: string[]
  columns: Partial<Record<FeedbackField, string>>
  total: number
  ok_count: number
  error_count: number
  rows: PreviewRow[]
}

export interface CreatedItem {
  row: number
  item_id: number
  problem_id: number
  number: string
  state: ProblemState
}

/** 201 of POST /feedback-lists. */
export interface FeedbackImported extends FeedbackList {
  created: CreatedItem[]
}

/** Drops empty strings and empty mappings so the server applies its defaults. */
export function cleanMeta(meta: FeedbackMeta): FeedbackMeta {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(meta)) {
    if (v === undefined || v === null || v === '') continue
    if (k === 'mapping') {
      const m = Object.fromEntries(Object.entries(v as Record<string, string>).filter(([, h]) => !!h))
      if (Object.keys(m).length) out.mapping = m
      continue
    }
    out[k] = typeof v === 'string' ? v.trim() : v
  }
  if (out.source !== 'higher_level') delete out.source_level
  return out as unknown as FeedbackMeta
}

function form(file: Blob, filename: string, meta: FeedbackMeta): FormData {
  const f = new FormData()
  f.append('file', file, filename)
  f.append('meta', JSON.stringify(cleanMeta(meta)))
  return f
}

export const feedbackApi = {
  list: () => http.get<{ items: FeedbackList[] }>('/feedback-lists'),
  get: (id: number) => http.get<FeedbackListDetail>(`/feedback-lists/${id}`),
  /** Checks the file without storing anything. */
  preview: (file: Blob, filename: string, meta: FeedbackMeta) =>
    http.upload<FeedbackPreview>('/feedback-lists?dry_run=true', form(file, filename, meta)),
  /** Stores the list and turns every row into a problem (422 if any row is bad). */
  create: (file: Blob, filename: string, meta: FeedbackMeta) =>
    http.upload<FeedbackImported>('/feedback-lists?dry_run=false', form(file, filename, meta)),
  answerDocx: (id: number) => requestBlob('/reports/feedback-answer.docx', { query: { list: id } }),
}
