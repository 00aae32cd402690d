import { http } from './http'
import type { ListResponse, Unit } from './types'

export type UnitType =
  | 'command'
  | 'department'
  | 'street'
  | 'community'
  | 'village'
  | 'enterprise'
  | 'agency'
  | 'team'

export const UNIT_TYPES: UnitType[] = [
  'command',
  'department',
  'street',
  'community',
  'village',
  'enterprise',
  'agency',
  'team',
]

/** A unit as GET /units returns it (the dict store keeps the narrower `Unit`). */
export interface UnitDetail extends Unit {
  type_label?: string
  region_id: number | null
  phone: string
  handles: string[]
  disabled: boolean
  version: number
}

/** Body of POST /units and PATCH /units/{id} (PATCH needs `version`). */
export interface UnitInput {
  code: string
  name: string
  type: UnitType | string
  parent_id: number | null
  principal?: string
  phone?: string
  handles?: string[]
  disabled?: boolean
  version?: number
}

export const unitsApi = {
  list: () => http.get<ListResponse<Unit>>('/units'),
  /** Every unit with version and contact fields, for the admin console. */
  listAll: () => http.get<ListResponse<UnitDetail>>('/units', { limit: 5000 }),
  create: (u: UnitInput) => http.post<UnitDetail>('/units', u),
  update: (id: number, u: Partial<UnitInput> & { version: number }) => http.patch<UnitDetail>(`/units/${id}`, u),
  remove: (id: number) => http.del<void>(`/units/${id}`),
}
