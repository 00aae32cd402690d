import type { DeliverableStatus, PhaseKind } from '@/api/campaigns'
import type { CampaignStatus } from './types'

export const PHASE_COLORS: Record<PhaseKind, string> = {
  mobilize: '#3b7ddd',
  survey: '#13a8a8',
  rectify: '#e8590c',
  accept: '#18a058',
  sustain: '#7b4fd6',
  other: '#8492a6',
}

/** Element Plus tag types per deliverable status. */
export const DSTATUS_TAG: Record<DeliverableStatus, 'info' | 'success' | 'warning' | 'danger'> = {
  not_due: 'info',
  submitted: 'success',
  late: 'warning',
  missing: 'danger',
}

export const STATUS_TAG: Record<CampaignStatus, 'info' | 'success' | 'warning'> = {
  upcoming: 'warning',
  running: 'success',
  ended: 'info',
}
