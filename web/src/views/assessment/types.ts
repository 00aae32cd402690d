/** Placeholder until the assessment module lands (issue 6). */
export interface AssessmentPlaceholder {
  title: string
  description: string
  items: string[]
}
