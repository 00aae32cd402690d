import type { FeedbackSource, SourceLevel } from '@/api/feedback'

/** Field errors keyed like the server's (meta.title, meta.mapping.description, file, …). */
export type FieldErrors = Record<string, string>

/** The wizard's list details form (strings as typed; '' = not given). */
export interface MetaForm {
  title: string
  doc_number: string
  issuing_body: string
  source: FeedbackSource
  source_level: SourceLevel | ''
  received_on: string
  due_on: string
  campaign_id: number | null
}

/** 0 pick the file and fill the details, 1 preview, 2 import. */
export type WizardStep = 0 | 1 | 2

export type ItemFilter = 'all' | 'open' | 'overdue' | 'closed'

export interface DueInfo {
  kind: 'left' | 'today' | 'past'
  days: number
}
