export type AdminTab = 'units' | 'users' | 'categories'

export interface UnitRow {
  id: number
  code: string
  name: string
  type: string
  principal: string | null
  children?: UnitRow[]
}
