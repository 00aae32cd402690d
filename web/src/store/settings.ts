import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

export type Locale = 'zh-CN' | 'en'

const KEY = 'envgrid.settings'

interface Stored {
  locale?: Locale
  tileUrl?: string
  tileAttribution?: string
}

function load(): Stored {
  try {
    return JSON.parse(localStorage.getItem(KEY) || '{}') as Stored
  } catch {
    return {}
  }
}

/** UI preferences kept in localStorage: language and the optional map tile URL. */
export const useSettingsStore = defineStore('settings', () => {
  const s = load()
  const locale = ref<Locale>(s.locale === 'en' ? 'en' : 'zh-CN')
  const tileUrl = ref<string>(s.tileUrl ?? import.meta.env.VITE_TILE_URL ?? '')
  const tileAttribution = ref<string>(s.tileAttribution ?? '')

  watch([locale, tileUrl, tileAttribution], () => {
    const v: Stored = {
      locale: locale.value,
      tileUrl: tileUrl.value,
      tileAttribution: tileAttribution.value,
    }
    localStorage.setItem(KEY, JSON.stringify(v))
  })

  return { locale, tileUrl, tileAttribution }
})
