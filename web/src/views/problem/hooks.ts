import { computed, ref, shallowRef, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { problemsApi } from '@/api/problems'
import { attachmentsApi } from '@/api/attachments'
import { ApiError } from '@/api/http'
import type { ActionRequest, HistoryEntry, Problem } from '@/api/types'
import { t, tOr } from '@/i18n'
import type { ActionForm, ActionSpec } from './types'

export function emptyActionForm(p: Problem | null, action: string): ActionForm {
  return {
    comment: '',
    unit_id: action === 'dispatch' ? (p?.suggested_unit?.id ?? p?.unit?.id ?? null) : (p?.unit?.id ?? null),
    assist_unit_ids: p?.assist_units.map((u) => u.id) ?? [],
    deadline: null,
    after: [],
    outcome_kind: '',
    outcome_quantity: null,
    hours: null,
    merge_into: null,
  }
}

/** Field → message for what the form lacks; empty object = valid. */
export function validateActionForm(
  spec: ActionSpec,
  form: ActionForm,
  opts: { afterRequired: boolean },
): Record<string, string> {
  const e: Record<string, string> = {}
  const has = (f: string) => spec.fields.includes(f as never)
  if (spec.commentRequired && !form.comment.trim()) e.comment = t('action.commentRequired')
  if (has('unit') && !form.unit_id) e.unit_id = t('action.unitRequired')
  if (has('after') && opts.afterRequired && form.after.length === 0) e.after = t('action.afterRequired')
  if (has('hours') && spec.action === 'request_extension' && !(form.hours && form.hours > 0))
    e.hours = t('action.hoursRequired')
  if (has('merge') && !form.merge_into) e.merge_into = t('action.mergeRequired')
  if (has('outcome') && spec.action === 'handle' && (!form.outcome_kind || form.outcome_quantity === null))
    e.outcome = t('action.outcomeRequired')
  return e
}

export function actionLabel(action: string): string {
  return tOr('action.' + action, action)
}

export function useProblem(id: Ref<string>) {
  const problem = shallowRef<Problem | null>(null)
  const history = shallowRef<HistoryEntry[]>([])
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const busy = ref(false)

  async function load() {
    loading.value = true
    error.value = null
    try {
      const [p, h] = await Promise.all([
        problemsApi.get(id.value),
        problemsApi.history(id.value).catch(() => ({ items: [] as HistoryEntry[] })),
      ])
      problem.value = p
      history.value = [...h.items].sort((a, b) => a.seq - b.seq)
    } catch (e) {
      error.value = e instanceof ApiError ? e : new ApiError(0)
    } finally {
      loading.value = false
    }
  }

  /** Runs an action; on 409 reloads the problem and tells the user. Resolves true on success. */
  async function act(spec: ActionSpec, form: ActionForm): Promise<boolean> {
    const p = problem.value
    if (!p) return false
    busy.value = true
    try {
      const req: ActionRequest = { action: spec.action, version: p.version }
      if (form.comment.trim()) req.comment = form.comment.trim()
      if (spec.fields.includes('unit') && form.unit_id) req.unit_id = form.unit_id
      if (spec.fields.includes('assist') && form.assist_unit_ids.length) req.assist_unit_ids = form.assist_unit_ids
      if (spec.fields.includes('deadline') && form.deadline) req.deadline = form.deadline
      if (spec.fields.includes('hours') && form.hours) req.hours = form.hours
      if (spec.fields.includes('merge') && form.merge_into) req.merge_into = form.merge_into
      if (spec.fields.includes('outcome') && form.outcome_kind && form.outcome_quantity !== null)
        req.outcome = { kind: form.outcome_kind, quantity: form.outcome_quantity }
      if (spec.fields.includes('after') && form.after.length) {
        const ids: number[] = []
        for (const f of form.after) ids.push((await attachmentsApi.upload(f)).id)
        req.attachment_ids = ids
      }
      problem.value = await problemsApi.act(p.id, req)
      ElMessage.success(t('action.done', { action: actionLabel(spec.action) }))
      const h = await problemsApi.history(p.id).catch(() => null)
      if (h) history.value = [...h.items].sort((a, b) => a.seq - b.seq)
      return true
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0)
      if (err.status === 409) {
        ElMessage.warning(`${err.title}${err.detail ? '：' + err.detail : ''} — ${t('problem.staleReloaded')}`)
        await load()
      } else ElMessage.error(err.message)
      return false
    } finally {
      busy.value = false
    }
  }

  const before = computed(() => problem.value?.attachments.filter((a) => a.role === 'before') ?? [])
  const after = computed(() => problem.value?.attachments.filter((a) => a.role === 'after') ?? [])

  return { problem, history, loading, error, busy, load, act, before, after }
}
