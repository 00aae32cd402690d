import { requestBlob } from './http'
import { filtersToApiQuery } from './problems'
import type { ProblemFilters } from './types'

export const reportsApi = {
  ledgerXlsx: (filters: ProblemFilters) =>
    requestBlob('/reports/ledger.xlsx', { query: filtersToApiQuery(filters) }),
}
