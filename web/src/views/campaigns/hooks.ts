import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CampaignsPlaceholder } from './types'

export function useCampaignsPlaceholder() {
  const { t } = useI18n()
  return computed<CampaignsPlaceholder>(() => ({
    title: t('menu.campaigns'),
    description: t('soon.campaigns'),
    items: ['百日攻坚 · 再清底子 · 赢春行动等专项行动方案管理', '动员部署 → 集中整治 → 总结验收 阶段与时间轴', '倒排工期：每日剩余工作量燃尽图', '参与单位任务分解与成果材料（工作方案、阶段总结、图片）'],
  }))
}
