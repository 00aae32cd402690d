import { http } from './http'
import type { Attachment } from './types'

export const attachmentsApi = {
  /** Uploads one photo (multipart field `file`). */
  upload(file: Blob, filename = 'photo.jpg'): Promise<Attachment> {
    const form = new FormData()
    form.append('file', file, file instanceof File ? file.name : filename)
    return http.upload<Attachment>('/attachments', form)
  },
}
