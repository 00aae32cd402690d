import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ActivitiesPlaceholder } from './types'

export function useActivitiesPlaceholder() {
  const { t } = useI18n()
  return computed<ActivitiesPlaceholder>(() => ({
    title: t('menu.activities'),
    description: t('soon.activities'),
    items: ['集中清理、包村干部周五清理、书记每日一小时整治', '出动人员、车辆、投入资金登记', '清运吨数、清除小广告条数、拆除/粉刷面积统计', '自动汇总进入工作汇报材料'],
  }))
}
