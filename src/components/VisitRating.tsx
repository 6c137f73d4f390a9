// 好差评 after a hall visit, for the booking detail page: `<VisitRating bookingId={id} />`. Shows the
// form once the booking was checked in and not yet rated, the rating (and staff's answer) after;
// nothing before check-in.
import { useEffect, useMemo } from 'react'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
// The cases area's text alone: this component ships with the subpackages that show it.
import { cases as t } from '@/domain/messages/zh-CN/cases'
import { apiBase } from '@/services/api'
import { casesClientOf } from '@/services/cases'
import { VisitRatingStore } from '@/stores/visitRating'
import { ProgressReminder } from './ProgressReminder'
import { RatingForm, RatingShown } from './RatingForm'

export const VisitRating = observer(function VisitRating({ bookingId, checkedIn = true }: { bookingId: string; checkedIn?: boolean }) {
  const root = useStore()
  const store = useMemo(() => new VisitRatingStore(casesClientOf(root, apiBase()).api), [root])
  useEffect(() => {
    if (bookingId && checkedIn) void store.load(bookingId)
  }, [bookingId, checkedIn, store])
  const v = store.view
  if (!checkedIn || !v || v.blocked === 'not_checked_in') return null
  return (
    <View id='visit-rating'>
      {store.thanks ? (
        <View className='notice notice-success' ariaRole='status'>
          <Text>{t.rating.thanks}</Text>
        </View>
      ) : null}
      {v.rating ? <RatingShown rating={v.rating} /> : null}
      {v.rating?.followUpDueOn && !v.rating.reply ? <ProgressReminder kind='rating_reply' /> : null}
      {v.canRate ? <RatingForm id='visit-rating-form' title={t.rating.visitTitle} busy={store.busy} onSubmit={(level, tags, comment) => void store.rate(level, tags, comment)} /> : null}
      {store.error ? (
        <View className='notice notice-danger' ariaRole='alert'>
          <Text>{store.error}</Text>
        </View>
      ) : null}
    </View>
  )
})
