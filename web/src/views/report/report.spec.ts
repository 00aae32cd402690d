import { describe, expect, it } from 'vitest'
import { defaultSource, emptyReport, validateReport } from './hooks'
import type { ReportForm } from './types'

const photo = () => new File(['x'], 'p.jpg', { type: 'image/jpeg' })

function valid(): ReportForm {
  return {
    ...emptyReport(['grid_worker']),
    photos: [photo()],
    lng: 117.967,
    lat: 36.643,
    address: '将军路100号',
    category_code: '06010',
    description: '路边有暴露垃圾',
  }
}

describe('validateReport', () => {
  it('accepts a complete report', () => {
    expect(validateReport(valid())).toEqual({})
  })

  it('lists every missing field of an empty form', () => {
    expect(validateReport(emptyReport())).toEqual({
      photos: '请至少拍摄一张现场照片',
      location: '请获取定位或在地图上选点',
      category_code: '请选择问题类别',
      description: '请填写问题描述',
      address: '请填写地址',
    })
  })

  it('needs a description of at least 5 characters after trimming', () => {
    expect(validateReport({ ...valid(), description: '  垃圾  ' }).description).toBe('问题描述至少 5 个字')
  })

  it('rejects more than 9 photos', () => {
    expect(validateReport({ ...valid(), photos: Array.from({ length: 10 }, photo) }).photos).toBe('最多上传 9 张照片')
  })

  it('rejects a non-finite position', () => {
    expect(validateReport({ ...valid(), lng: Number.NaN }).location).toBeDefined()
  })

  it('requires an after-photo for an on-the-spot fix', () => {
    expect(validateReport({ ...valid(), fixed_on_spot: true }).after).toBe('当场处置需上传整改后照片')
    expect(validateReport({ ...valid(), fixed_on_spot: true, after: [photo()] })).toEqual({})
  })
})

describe('defaultSource', () => {
  it('follows the reporter role', () => {
    expect(defaultSource(['grid_worker'])).toBe('patrol')
    expect(defaultSource(['inspector'])).toBe('inspection')
    expect(defaultSource(['unit_handler'])).toBe('self_check')
  })
})
