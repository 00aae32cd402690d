import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { AssessmentPlaceholder } from './types'

export function useAssessmentPlaceholder() {
  const { t } = useI18n()
  return computed<AssessmentPlaceholder>(() => ({
    title: t('menu.assessment'),
    description: t('soon.assessment'),
    items: ['村居/社区百分制积分考核与部门处置考评', '月检查、月曝光、月排名', '结案率、按期处置率、返工率、超期率', '通报批评、约谈记录与年度奖项'],
  }))
}
