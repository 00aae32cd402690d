import { computed, onMounted, reactive, ref, shallowRef } from 'vue'
import { useRoute } from 'vue-router'
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'
import { geoApi } from '@/api/geo'
import type { GeoLookup, ProblemSource, Role } from '@/api/types'
import { t } from '@/i18n'
import { useDictStore } from '@/store/dict'
import { useSessionStore } from '@/store/session'
import { enqueue, flushOutbox, outbox, refreshOutboxCount, sendReport, type OutboxItem } from '@/utils/outbox'
import { MAX_PHOTOS, type ReportErrors, type ReportForm } from './types'

/** Pure validation of the report form; an empty object means it may be sent. */
export function validateReport(f: ReportForm): ReportErrors {
  const e: ReportErrors = {}
  if (f.photos.length === 0) e.photos = t('report.photoRequired')
  else if (f.photos.length > MAX_PHOTOS) e.photos = t('report.tooManyPhotos')
  if (f.lng === null || f.lat === null || !Number.isFinite(f.lng) || !Number.isFinite(f.lat))
    e.location = t('report.locationRequired')
  if (!f.category_code) e.category_code = t('report.categoryRequired')
  const d = f.description.trim()
  if (!d) e.description = t('report.descriptionRequired')
  else if (d.length < 5) e.description = t('report.descriptionLength')
  if (!f.address.trim()) e.address = t('report.addressRequired')
  if (f.fixed_on_spot && f.after.length === 0) e.after = t('report.afterRequired')
  return e
}

export function defaultSource(roles: readonly Role[]): ProblemSource {
  if (roles.includes('inspector')) return 'inspection'
  if (roles.includes('grid_worker')) return 'patrol'
  if (roles.includes('unit_handler')) return 'self_check'
  if (roles.includes('dispatcher')) return 'citizen'
  return 'self_check'
}

export function emptyReport(roles: readonly Role[] = []): ReportForm {
  return {
    photos: [],
    lng: null,
    lat: null,
    accuracy: null,
    address: '',
    category_code: '',
    description: '',
    source: defaultSource(roles),
    fixed_on_spot: false,
    after: [],
  }
}

export function useReport() {
  const session = useSessionStore()
  const dict = useDictStore()
  const route = useRoute()
  const form = reactive<ReportForm>(emptyReport(session.roles))
  const errors = ref<ReportErrors>({})
  const submitting = ref(false)
  const locating = ref(false)
  const lookup = shallowRef<GeoLookup | null>(null)
  const queued = ref<OutboxItem[]>([])
  const lastNumber = ref('')

  async function refreshQueue() {
    queued.value = await outbox.list().catch(() => [])
  }

  async function setPoint(lng: number, lat: number, accuracy: number | null = null) {
    form.lng = lng
    form.lat = lat
    form.accuracy = accuracy
    errors.value.location = undefined
    try {
      lookup.value = await geoApi.lookup(lng, lat)
      if (!form.address && lookup.value.grid) form.address = lookup.value.grid.name
    } catch {
      lookup.value = null
    }
  }

  function locate() {
    if (!('geolocation' in navigator)) {
      ElMessage.error(t('report.locateFailed', { msg: 'geolocation unavailable' }))
      return
    }
    locating.value = true
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        locating.value = false
        void setPoint(pos.coords.longitude, pos.coords.latitude, Math.round(pos.coords.accuracy))
      },
      (err) => {
        locating.value = false
        ElMessage.error(t('report.locateFailed', { msg: err.message }))
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 },
    )
  }

  onMounted(() => {
    void dict.loadCategories().catch(() => undefined)
    void refreshQueue()
    const lng = Number(route.query.lng)
    const lat = Number(route.query.lat)
    if (route.query.lng && Number.isFinite(lng) && Number.isFinite(lat)) void setPoint(lng, lat)
  })

  function reset() {
    Object.assign(form, emptyReport(session.roles))
    lookup.value = null
    errors.value = {}
  }

  async function submit(): Promise<'sent' | 'queued' | 'invalid' | 'failed'> {
    errors.value = validateReport(form)
    if (Object.keys(errors.value).length) return 'invalid'
    const payload: OutboxItem['payload'] = {
      category_code: form.category_code,
      source: form.source,
      lng: form.lng as number,
      lat: form.lat as number,
      address: form.address.trim(),
      description: form.description.trim(),
      ...(form.fixed_on_spot ? { fixed_on_spot: true } : {}),
    }
    const before = [...form.photos]
    const after = form.fixed_on_spot ? [...form.after] : []
    submitting.value = true
    try {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) {
        await enqueue(payload, before, after)
        ElMessage.warning(t('report.queued'))
        reset()
        await refreshQueue()
        return 'queued'
      }
      const p = await sendReport(payload, before, after)
      lastNumber.value = p.number
      ElMessage.success(t('report.submitted', { number: p.number }))
      reset()
      return 'sent'
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0)
      if (err.isNetwork || err.status >= 500) {
        await enqueue(payload, before, after)
        ElMessage.warning(t('report.queued'))
        reset()
        await refreshQueue()
        return 'queued'
      }
      const fe = err.fieldErrors()
      errors.value = {
        category_code: fe.category_code,
        description: fe.description,
        address: fe.address,
        location: fe.lng ?? fe.lat,
        photos: fe.attachment_ids,
        after: fe.after_attachment_ids,
      }
      ElMessage.error(err.message)
      return 'failed'
    } finally {
      submitting.value = false
    }
  }

  async function retryQueue() {
    const n = await flushOutbox()
    if (n) ElMessage.success(t('report.synced', { n }))
    await refreshQueue()
    await refreshOutboxCount()
  }

  const gridText = computed(() =>
    lookup.value
      ? lookup.value.grid
        ? t('report.inGrid', { name: lookup.value.grid.name })
        : t('report.outsideGrid')
      : '',
  )

  return { form, errors, submitting, locating, lookup, gridText, queued, lastNumber, locate, setPoint, submit, retryQueue }
}
