import type { Problem } from '@/api/types'

export interface MineGroup {
  key: 'open' | 'closed' | 'other'
  items: Problem[]
}
