import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

export type MessageSchema = typeof zhCN

/** Each page may keep its own strings in `src/views/<page>/i18n.ts`
 *  (`export default { 'zh-CN': {...}, en: {...} }`); they are merged here so
 *  pages do not all edit one file. */
type PageMessages = { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> }
const pageModules = import.meta.glob<{ default: PageMessages }>('../views/*/i18n.ts', { eager: true })
const messages = { 'zh-CN': { ...zhCN }, en: { ...en } }
for (const mod of Object.values(pageModules)) {
  Object.assign(messages['zh-CN'], mod.default['zh-CN'])
  Object.assign(messages.en, mod.default.en)
}

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages,
  missingWarn: false,
  fallbackWarn: false,
})

/** Translate outside components (hooks, router). */
export const t = (key: string, named?: Record<string, unknown>): string =>
  named ? i18n.global.t(key, named) : i18n.global.t(key)

/** Translate a key if it exists, otherwise return `fallback`. */
export function tOr(key: string, fallback: string): string {
  return i18n.global.te(key) ? i18n.global.t(key) : fallback
}
