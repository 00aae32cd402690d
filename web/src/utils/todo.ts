import type { Problem } from '@/api/types'

/**
 * Actions that move a case forward and so make it a to-do for the user who may
 * take them; suspend/void/return and the like are possible but not expected.
 */
export const TODO_ACTIONS = new Set([
  'accept',
  'register',
  'dispatch',
  'redispatch',
  'handle',
  'verify_pass',
  'verify_fail',
  'approve_extension',
  'deny_extension',
  'approve_suspend',
])

export function isTodo(p: Pick<Problem, 'allowed_actions'>): boolean {
  return p.allowed_actions.some((a) => TODO_ACTIONS.has(a))
}
