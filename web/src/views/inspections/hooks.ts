import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { InspectionsPlaceholder } from './types'

export function useInspectionsPlaceholder() {
  const { t } = useI18n()
  return computed<InspectionsPlaceholder>(() => ({
    title: t('menu.inspections'),
    description: t('soon.inspections'),
    items: ['周查、月查、暗访、上级督查（区/市/省）与“回头看”', '工地“六个100%”、七小行业、堆场等分场所检查表', '以克论净等实测项目与单位得分', '检查发现问题一键转入问题台账'],
  }))
}
