export type ActionField =
  | 'comment'
  | 'unit'
  | 'assist'
  | 'deadline'
  | 'after'
  | 'outcome'
  | 'hours'
  | 'merge'

export interface ActionSpec {
  action: string
  /** Element Plus button type. */
  type: 'primary' | 'success' | 'warning' | 'danger' | 'info' | 'default'
  fields: ActionField[]
  commentRequired?: boolean
}

/** Known actions and the form each needs; unknown actions get a comment-only form. */
export const ACTION_SPECS: Record<string, ActionSpec> = {
  accept: { action: 'accept', type: 'primary', fields: ['comment'] },
  register: { action: 'register', type: 'primary', fields: ['comment'] },
  reject: { action: 'reject', type: 'danger', fields: ['comment'], commentRequired: true },
  dispatch: { action: 'dispatch', type: 'primary', fields: ['unit', 'assist', 'deadline', 'comment'] },
  redispatch: { action: 'redispatch', type: 'primary', fields: ['unit', 'assist', 'deadline', 'comment'], commentRequired: true },
  handle: { action: 'handle', type: 'success', fields: ['after', 'outcome', 'comment'], commentRequired: true },
  verify_pass: { action: 'verify_pass', type: 'success', fields: ['comment'] },
  verify_fail: { action: 'verify_fail', type: 'danger', fields: ['comment'], commentRequired: true },
  return: { action: 'return', type: 'warning', fields: ['comment'], commentRequired: true },
  request_extension: { action: 'request_extension', type: 'warning', fields: ['hours', 'comment'], commentRequired: true },
  approve_extension: { action: 'approve_extension', type: 'success', fields: ['comment'] },
  deny_extension: { action: 'deny_extension', type: 'danger', fields: ['comment'], commentRequired: true },
  request_suspend: { action: 'request_suspend', type: 'warning', fields: ['comment'], commentRequired: true },
  suspend: { action: 'suspend', type: 'warning', fields: ['comment'], commentRequired: true },
  approve_suspend: { action: 'approve_suspend', type: 'warning', fields: ['comment'] },
  resume: { action: 'resume', type: 'primary', fields: ['comment'] },
  void: { action: 'void', type: 'danger', fields: ['comment'], commentRequired: true },
  merge: { action: 'merge', type: 'warning', fields: ['merge', 'comment'] },
}

export function specFor(action: string): ActionSpec {
  return ACTION_SPECS[action] ?? { action, type: 'default', fields: ['comment'] }
}

export interface ActionForm {
  comment: string
  unit_id: number | null
  assist_unit_ids: number[]
  deadline: string | null
  after: File[]
  outcome_kind: string
  outcome_quantity: number | null
  hours: number | null
  merge_into: number | null
}

/** The server's outcome kinds (src/http/ledger_util.cpp) with their units. */
export const OUTCOME_KINDS: { kind: string; unit: string }[] = [
  { kind: 'persuade', unit: '次' },
  { kind: 'clear', unit: '吨' },
  { kind: 'remove_ads', unit: '条' },
  { kind: 'demolish', unit: '㎡' },
  { kind: 'paint', unit: '㎡' },
  { kind: 'repair', unit: '㎡' },
  { kind: 'tow', unit: '辆' },
  { kind: 'ban', unit: '处' },
  { kind: 'penalty', unit: '起' },
  { kind: 'other', unit: '处' },
]
