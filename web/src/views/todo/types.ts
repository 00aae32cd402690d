import type { ProblemState } from '@/api/types'

export type TodoTab = 'toHandle' | 'toVerify' | 'toAccept' | 'others'

/** Which tab a problem's state falls into. */
export const TAB_OF_STATE: Partial<Record<ProblemState, TodoTab>> = {
  dispatched: 'toHandle',
  handled: 'toVerify',
  reported: 'toAccept',
  registered: 'toAccept',
}
