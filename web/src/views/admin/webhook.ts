// Outbound webhook (消息推送): where events are POSTed, which ones, the signing secret,
// and the recent deliveries with their status.
import { computed, ref, shallowRef } from 'vue'
import { NOTIFICATION_KINDS } from '@/api/notifications'
import { adminApi, type WebhookConfig, type WebhookDelivery, type WebhookInput } from '@/api/admin'
import { errorText, useFormErrors } from './hooks'
import type { FieldErrors } from './types'

export interface WebhookForm {
  url: string
  enabled: boolean
  events: string[]
  secret: string
  /** Remove the stored secret (sent as ""). */
  clearSecret: boolean
}

export function validateWebhook(f: WebhookForm): FieldErrors {
  const e: FieldErrors = {}
  const url = f.url.trim()
  if (f.enabled && !url) e.url = '启用推送时须填写接收地址'
  else if (url) {
    let u: URL | null = null
    try {
      u = new URL(url)
    } catch {
      u = null
    }
    // The server speaks plain HTTP only; https goes through a local relay (docs/operations.md).
    if (u?.protocol === 'https:') e.url = '暂不支持 https:// 地址，请在本机部署 http 转发（见运维文档）'
    else if (!u || u.protocol !== 'http:' || !u.hostname) e.url = '地址格式应为 http://主机[:端口]/路径'
    else if (url.length > 500) e.url = '地址最长 500 个字符'
  }
  if (f.enabled && !f.events.length) e.events = '启用推送时至少选择一种事件'
  if (f.secret.length > 200) e.secret = '密钥最长 200 个字符'
  return e
}

export function webhookBody(f: WebhookForm): WebhookInput {
  const body: WebhookInput = { url: f.url.trim(), enabled: f.enabled, events: [...f.events] }
  if (f.secret) body.secret = f.secret
  else if (f.clearSecret) body.secret = ''
  return body
}

export function useWebhook() {
  const config = shallowRef<WebhookConfig | null>(null)
  const deliveries = shallowRef<WebhookDelivery[]>([])
  /** false when this server has no webhook endpoint. */
  const available = ref(true)
  const form = ref<WebhookForm>({ url: '', enabled: false, events: [], secret: '', clearSecret: false })
  const loading = ref(false)
  const loadingDeliveries = ref(false)
  const saving = ref(false)
  const loadError = ref('')
  const errors = useFormErrors(['url', 'enabled', 'events', 'secret'])

  function adopt(c: WebhookConfig) {
    config.value = c
    form.value = { url: c.url ?? '', enabled: !!c.enabled, events: [...(c.events ?? [])], secret: '', clearSecret: false }
  }

  async function loadDeliveries() {
    loadingDeliveries.value = true
    try {
      deliveries.value = (await adminApi.deliveries(50)) ?? []
    } catch (e) {
      loadError.value = errorText(e)
    } finally {
      loadingDeliveries.value = false
    }
  }

  async function load() {
    loading.value = true
    loadError.value = ''
    try {
      const c = await adminApi.webhook()
      available.value = c !== null
      if (c) {
        adopt(c)
        await loadDeliveries()
      }
    } catch (e) {
      loadError.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  const dirty = computed(() => {
    const c = config.value
    if (!c) return false
    const f = form.value
    return (
      f.url.trim() !== (c.url ?? '') ||
      f.enabled !== !!c.enabled ||
      [...f.events].sort().join() !== [...(c.events ?? [])].sort().join() ||
      f.secret !== '' ||
      f.clearSecret
    )
  })

  /** The kinds offered as checkboxes: the server's list, else the documented ones. */
  const kinds = computed(() => config.value?.available_events ?? NOTIFICATION_KINDS.map((kind) => ({ kind, name: '' })))

  const counts = computed(() => {
    const n = { pending: 0, delivered: 0, failed: 0 }
    for (const d of deliveries.value) if (d.status in n) n[d.status]++
    return n
  })

  async function save(): Promise<boolean> {
    if (!errors.check(validateWebhook(form.value))) return false
    saving.value = true
    try {
      adopt(await adminApi.saveWebhook(webhookBody(form.value)))
      return true
    } catch (e) {
      errors.apply(e)
      return false
    } finally {
      saving.value = false
    }
  }

  return { config, deliveries, available, form, loading, loadingDeliveries, saving, loadError, errors, dirty, kinds, counts, load, loadDeliveries, save }
}
