// 好差评: five levels, tags, one rating per case; 不满意 or worse opens a follow-up (整改) that
// staff answer within 15 working days.
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const
export type RatingLevel = (typeof RATING_LEVELS)[number]
export const FOLLOW_UP_WORKING_DAYS = 15

/** Tags offered by level (data; the label is the tag). */
export const RATING_TAGS: Readonly<Record<'good' | 'bad', readonly string[]>> = {
  good: ['办事快', '材料少', '态度好', '指引清楚', '少跑腿'],
  bad: ['办理慢', '材料多', '态度差', '指引不清', '多次跑腿', '系统不好用'],
}

export function needsFollowUp(level: number): boolean {
  return level <= 2
}

export function tagsFor(level: number): readonly string[] {
  return level >= 3 ? RATING_TAGS.good : RATING_TAGS.bad
}
