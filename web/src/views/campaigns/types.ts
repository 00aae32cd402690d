/** Placeholder until the campaigns module lands (issue 6). */
export interface CampaignsPlaceholder {
  title: string
  description: string
  items: string[]
}
