import { computed, reactive, ref, shallowRef } from 'vue'
import { usersApi, type AdminUser, type UserPatch } from '@/api/users'
import type { NewUser, Role } from '@/api/types'
import { errorText } from './hooks'
import type { FieldErrors } from './types'

const USERNAME_RE = /^[A-Za-z0-9_.-]+$/

export interface UserForm {
  username: string
  display_name: string
  password: string
  phone: string
  roles: Role[]
  unit_id: number | null
  grid_ids: number[]
}

export function emptyUserForm(): UserForm {
  return { username: '', display_name: '', password: '', phone: '', roles: [], unit_id: null, grid_ids: [] }
}

export function userFormOf(u: AdminUser): UserForm {
  return {
    username: u.username,
    display_name: u.display_name,
    password: '',
    phone: u.phone ?? '',
    roles: [...u.roles],
    unit_id: u.unit_id,
    grid_ids: [...u.grid_ids],
  }
}

export function validatePassword(p: string): string {
  if (p.length < 8) return '密码至少 8 位'
  if (p.length > 256) return '密码最长 256 位'
  return ''
}

/** Local checks; `original` is the account being edited (null: a new one). */
export function validateUser(f: UserForm, original: AdminUser | null): FieldErrors {
  const e: FieldErrors = {}
  if (!original) {
    const name = f.username.trim()
    if (name.length < 2) e.username = '用户名至少 2 个字符'
    else if (name.length > 64) e.username = '用户名最长 64 个字符'
    else if (!USERNAME_RE.test(name)) e.username = '只能包含字母、数字、下划线、点和连字符'
    const pw = validatePassword(f.password)
    if (pw) e.password = pw
    if (f.phone && !/^[0-9\-+ ()]{0,32}$/.test(f.phone)) e.phone = '电话号码只能包含数字、空格和 -+()'
  }
  if (!f.display_name.trim()) e.display_name = '请填写姓名'
  else if (f.display_name.trim().length > 64) e.display_name = '姓名最长 64 个字'
  if (!f.roles.length) e.roles = '至少选择一个角色'
  if (f.roles.includes('unit_handler') && f.unit_id === null) e.unit_id = '责任单位人员须选择所属单位'
  else if (original && original.unit_id !== null && f.unit_id === null) e.unit_id = '所属单位不能清空，请改选其他单位'
  return e
}

export function newUserBody(f: UserForm): NewUser & { phone?: string } {
  const body: NewUser & { phone?: string } = {
    username: f.username.trim(),
    display_name: f.display_name.trim(),
    password: f.password,
    roles: f.roles,
    grid_ids: f.grid_ids,
  }
  if (f.unit_id !== null) body.unit_id = f.unit_id
  if (f.phone.trim()) body.phone = f.phone.trim()
  return body
}

/** Only what changed, so a PATCH never rewrites fields the admin did not touch. */
export function userPatch(f: UserForm, u: AdminUser): UserPatch {
  const p: UserPatch = {}
  if (f.display_name.trim() !== u.display_name) p.display_name = f.display_name.trim()
  const same = (a: readonly unknown[], b: readonly unknown[]) =>
    a.length === b.length && [...a].sort().join() === [...b].sort().join()
  if (!same(f.roles, u.roles)) p.roles = f.roles
  if (f.unit_id !== null && f.unit_id !== u.unit_id) p.unit_id = f.unit_id
  if (!same(f.grid_ids, u.grid_ids)) p.grid_ids = f.grid_ids
  return p
}

export function useUsers() {
  const users = shallowRef<AdminUser[]>([])
  const loading = ref(false)
  const error = ref('')
  const filter = reactive<{ q: string; role: Role | ''; status: '' | 'enabled' | 'disabled' }>({
    q: '',
    role: '',
    status: '',
  })

  async function load() {
    loading.value = true
    error.value = ''
    try {
      users.value = (await usersApi.list()).items
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  const rows = computed(() => {
    const q = filter.q.trim().toLowerCase()
    return users.value.filter(
      (u) =>
        (!q ||
          u.username.toLowerCase().includes(q) ||
          u.display_name.toLowerCase().includes(q) ||
          (u.phone ?? '').includes(q) ||
          (u.unit_name ?? '').includes(q)) &&
        (!filter.role || u.roles.includes(filter.role)) &&
        (!filter.status || (filter.status === 'disabled') === u.disabled),
    )
  })

  /** Replaces one row after a PATCH without reloading the list. */
  function put(u: AdminUser) {
    users.value = users.value.some((x) => x.id === u.id)
      ? users.value.map((x) => (x.id === u.id ? u : x))
      : [...users.value, u]
  }

  return { users, rows, loading, error, filter, load, put }
}
