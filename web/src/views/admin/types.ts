export type AdminTab = 'units' | 'users' | 'territory' | 'categories' | 'calendar' | 'schemes' | 'webhook'

export const ADMIN_TABS: AdminTab[] = ['units', 'users', 'territory', 'categories', 'calendar', 'schemes', 'webhook']

export interface UnitRow {
  id: number
  code: string
  name: string
  type: string
  principal: string | null
  disabled?: boolean
  children?: UnitRow[]
}

/** Field → message, for `<el-form-item :error>`; '' (no key) is a form-level message. */
export type FieldErrors = Record<string, string>
